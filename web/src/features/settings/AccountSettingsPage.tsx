import { TokensPanel } from "./TokensPanel";

/** Settings → Account: what belongs to the signed-in user rather than the organization. */
export function AccountSettingsPage() {
  return (
    <section>
      <div className="page-head">
        <h1>Account</h1>
      </div>
      <TokensPanel />
    </section>
  );
}
