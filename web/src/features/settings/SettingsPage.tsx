import { useOrg } from "../layout/org-context";
import { AuditLogPanel } from "./AuditLogPanel";
import { MembersPanel } from "./MembersPanel";
import { TokensPanel } from "./TokensPanel";

/** Organization settings: members and roles, the user's API tokens, the audit log. */
export function SettingsPage() {
  const { org } = useOrg();
  return (
    <section className="page">
      <div className="page-head">
        <h1>Settings · {org.name}</h1>
        <span className="muted">your role: {org.orgRole}</span>
      </div>
      <MembersPanel org={org.slug} />
      <TokensPanel />
      <AuditLogPanel org={org.slug} />
    </section>
  );
}
