import { useOrg } from "../layout/org-context";
import { MembersPanel } from "./MembersPanel";

/** Settings → Members: who is in the organization, with which role. */
export function MembersSettingsPage() {
  const { org } = useOrg();
  return (
    <section>
      <div className="page-head">
        <h1>Members</h1>
        <span className="muted">your role: {org.orgRole}</span>
      </div>
      <MembersPanel org={org.slug} />
    </section>
  );
}
