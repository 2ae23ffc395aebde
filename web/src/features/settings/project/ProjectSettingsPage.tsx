import { Link, useNavigate, useParams } from "react-router";
import { apiSend } from "../../../api/client";
import { projectPath } from "../../../api/endpoints";
import type { ProjectDetail, ProjectKey } from "../../../api/types";
import { useApi } from "../../../api/use-api";
import { ErrorState, PanelSkeleton } from "../../../components/ui/states";
import { useOrg } from "../../layout/org-context";
import { KeysPanel } from "../../projects/KeysPanel";
import { canManageProjects, MANAGERS_ONLY } from "../permissions";
import { TypedConfirmDelete } from "../TypedConfirmDelete";
import { ProjectGeneralForm } from "./ProjectGeneralForm";
import { ProjectLimitsForm } from "./ProjectLimitsForm";

/** Settings → Projects → one project: name and slug, limits, client keys with their rate limits, deletion. */
export function ProjectSettingsPage() {
  const { org, reloadOrg } = useOrg();
  const { project: slug = "" } = useParams();
  const navigate = useNavigate();
  const path = projectPath(org.slug, slug);
  const project = useApi<ProjectDetail>(path);
  const keys = useApi<ProjectKey[]>(`${path}keys/`);
  if (project.error) return <ErrorState error={project.error} onRetry={project.reload} />;
  if (!project.data) return <PanelSkeleton />;
  const allowed = canManageProjects(org);
  const settingsOf = (projectSlug: string) => `/organizations/${org.slug}/settings/projects/${projectSlug}/`;

  function saved(updated: ProjectDetail) {
    reloadOrg();
    if (updated.slug !== slug) void navigate(settingsOf(updated.slug), { replace: true });
    else project.reload();
  }

  async function remove() {
    await apiSend("DELETE", path);
    reloadOrg();
    await navigate(`/organizations/${org.slug}/settings/projects/`, { replace: true });
  }

  return (
    <section>
      <div className="page-head">
        <h1>{project.data.name} · settings</h1>
        <Link className="btn" to={`/organizations/${org.slug}/projects/${project.data.slug}/`}>
          Project page
        </Link>
      </div>
      {!allowed ? <p className="muted">{MANAGERS_ONLY}</p> : null}
      {/* Keyed by the project: after a rename the forms keep what was typed, which is what was saved. */}
      <ProjectGeneralForm
        key={`general:${project.data.id}`}
        project={project.data}
        path={path}
        allowed={allowed}
        onSaved={saved}
      />
      <ProjectLimitsForm
        key={`limits:${project.data.id}`}
        project={project.data}
        path={path}
        allowed={allowed}
        onSaved={saved}
      />
      <KeysPanel basePath={path} keys={keys} />
      <TypedConfirmDelete
        title="Delete project"
        confirmWord={project.data.slug}
        buttonLabel="Delete project"
        refusal={allowed ? undefined : "Only the organization's owners and admins delete projects."}
        onDelete={remove}
      >
        Deletes {project.data.name} with its client keys, issues, events and alert rules. SDKs using its DSNs are
        refused from then on. This cannot be undone.
      </TypedConfirmDelete>
    </section>
  );
}
