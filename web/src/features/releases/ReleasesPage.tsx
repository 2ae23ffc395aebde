import { Link, useParams } from "react-router";
import type { Release } from "../../api/types";
import { useApi } from "../../api/use-api";
import { TimeAgo } from "../../components/ui/badges";
import { EmptyState, ErrorState, PanelSkeleton } from "../../components/ui/states";
import { useOrg } from "../layout/org-context";
import { crashFreeLabel } from "./crash-free";

/** A project's releases: new issues, deploys and crash-free sessions, newest first. */
export function ReleasesPage() {
  const { org } = useOrg();
  const { project = "" } = useParams();
  const releases = useApi<Release[]>(`/projects/${org.slug}/${encodeURIComponent(project)}/releases/`, {
    health: "1",
    per_page: "50",
  });
  const name = org.projects.find((item) => item.slug === project)?.name ?? project;
  return (
    <section className="page">
      <div className="page-head">
        <h1>Releases · {name}</h1>
      </div>
      <div className="panel list-panel">
        {releases.error ? (
          <ErrorState error={releases.error} onRetry={releases.reload} />
        ) : !releases.data ? (
          <PanelSkeleton />
        ) : releases.data.length === 0 ? (
          <EmptyState title="No releases yet">
            Set <code>release</code> in the SDK, or create one with <code>sentry-cli releases new</code>.
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th>Release</th>
                  <th>Created</th>
                  <th>New issues</th>
                  <th>Deploys</th>
                  <th>Crash-free sessions</th>
                </tr>
              </thead>
              <tbody>
                {releases.data.map((release) => {
                  const health = release.projects[0]?.healthData;
                  return (
                    <tr key={release.version}>
                      <td>
                        <Link
                          to={`/organizations/${org.slug}/projects/${project}/releases/${encodeURIComponent(release.version)}/`}
                        >
                          <strong>{release.version}</strong>
                        </Link>
                        {release.dateReleased ? <span className="muted small"> · finalized</span> : null}
                      </td>
                      <td>
                        <TimeAgo iso={release.dateCreated} />
                      </td>
                      <td>{release.newGroups}</td>
                      <td>
                        {release.lastDeploy ? (
                          <span title={release.deploys.map((deploy) => deploy.environment).join(", ")}>
                            {release.deployCount} · last to {release.lastDeploy.environment}{" "}
                            <TimeAgo iso={release.lastDeploy.dateFinished} />
                          </span>
                        ) : (
                          <span className="muted">none</span>
                        )}
                      </td>
                      <td>{crashFreeLabel(health)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
