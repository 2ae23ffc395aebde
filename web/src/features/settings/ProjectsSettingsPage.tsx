import { Link } from "react-router";
import { EmptyState } from "../../components/ui/states";
import { useOrg } from "../layout/org-context";
import { canManageProjects } from "./permissions";

/** Settings → Projects: each project's settings page, and a new project for those who may. */
export function ProjectsSettingsPage() {
  const { org } = useOrg();
  const base = `/organizations/${org.slug}`;
  return (
    <section>
      <div className="page-head">
        <h1>Projects</h1>
        {canManageProjects(org) ? (
          <Link className="btn btn-primary" to={`${base}/projects/new/`}>
            New project
          </Link>
        ) : null}
      </div>
      <div className="panel">
        {org.projects.length === 0 ? (
          <EmptyState title="This organization has no projects yet" />
        ) : (
          <table className="table">
            <tbody>
              {org.projects.map((project) => (
                <tr key={project.id}>
                  <td>
                    <Link to={`${base}/settings/projects/${project.slug}/`}>{project.name}</Link>
                    <div className="muted small">{project.slug}</div>
                  </td>
                  <td className="num">
                    <Link to={`${base}/projects/${project.slug}/`}>Client keys and set-up</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
