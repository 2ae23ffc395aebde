import { useState } from "react";
import { useNavigate } from "react-router";
import { apiSend } from "../../api/client";
import { useOrg } from "../layout/org-context";
import { announceOrganizationsChanged } from "../layout/organizations-changed";
import { AuditLogPanel } from "./AuditLogPanel";
import { OrganizationForm } from "./OrganizationForm";
import { canDeleteOrganization } from "./permissions";
import { TypedConfirmDelete } from "./TypedConfirmDelete";

/** The settings section's first page: the organization's name, slug and toggles, its audit log, deletion. */
export function OrganizationSettingsPage() {
  const { org, reloadOrg } = useOrg();
  const navigate = useNavigate();
  // Each save remounts the audit log, so the change just made shows in it at once.
  const [saves, setSaves] = useState(0);

  async function remove() {
    await apiSend("DELETE", `/organizations/${encodeURIComponent(org.slug)}/`);
    announceOrganizationsChanged();
    await navigate("/", { replace: true });
  }

  return (
    <section>
      <div className="page-head">
        <h1>Organization settings</h1>
        <span className="muted">your role: {org.orgRole}</span>
      </div>
      <OrganizationForm
        // Another organization (or this one under its new slug) starts the form again.
        key={org.slug}
        org={org}
        onSaved={(saved) => {
          setSaves((count) => count + 1);
          announceOrganizationsChanged();
          if (saved.slug !== org.slug) void navigate(`/organizations/${saved.slug}/settings/`, { replace: true });
          else reloadOrg();
        }}
      />
      <AuditLogPanel key={saves} org={org.slug} />
      <TypedConfirmDelete
        title="Delete organization"
        confirmWord={org.slug}
        buttonLabel="Delete organization"
        refusal={canDeleteOrganization(org) ? undefined : "Only the organization's owners delete it."}
        onDelete={remove}
      >
        Deletes {org.name} with all its projects, issues, events, releases and members. This cannot be undone.
      </TypedConfirmDelete>
    </section>
  );
}
