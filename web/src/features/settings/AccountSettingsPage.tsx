import { ACCOUNT_SECTIONS } from "../account/AccountPage";

/**
 * Settings → Account: what belongs to the signed-in user rather than the organization — the
 * same sections as the account page (/settings/account/).
 */
export function AccountSettingsPage() {
  return (
    <section>
      <div className="page-head">
        <h1>Account</h1>
      </div>
      {ACCOUNT_SECTIONS.map(({ id, Section }) => (
        <div key={id} id={id}>
          <Section />
        </div>
      ))}
    </section>
  );
}
