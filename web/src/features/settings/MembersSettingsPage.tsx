import { useOrg } from "../layout/org-context";
import { InvitationsPanel } from "./InvitationsPanel";
import { MembersPanel } from "./MembersPanel";

/** Settings → Members: who is in the organization, with which role, and who is invited. */
export function MembersSettingsPage() {
  const { org } = useOrg();
  return (
    <section>
      <div className="page-head">
        <h1>Members</h1>
        <span className="muted">your role: {org.orgRole}</span>
      </div>
      <MembersPanel org={org.slug} />
      <InvitationsPanel />
    </section>
  );
}
