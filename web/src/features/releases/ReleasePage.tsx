import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import type { Deploy } from "../../api/types";
import { useApi, type ApiState } from "../../api/use-api";
import { LevelBadge, StatusBadge, TimeAgo } from "../../components/ui/badges";
import { ErrorState, Loading } from "../../components/ui/states";
import { formatCount } from "../../lib/time";
import { useOrg } from "../layout/org-context";
import { ReleaseArtifacts } from "./ReleaseArtifacts";
import { ReleaseHealthCards } from "./ReleaseHealthCards";
import type { NewIssue, ReleaseCommit, ReleaseDetail } from "./release-types";

/** A panel whose list loads on its own: its error, its loading line, or its rows. */
function ListPanel<T>({
  title,
  state,
  empty,
  children,
}: {
  title: string;
  state: ApiState<T[]>;
  empty: ReactNode;
  children: (rows: T[]) => ReactNode;
}) {
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      {state.error ? (
        <ErrorState error={state.error} onRetry={state.reload} />
      ) : !state.data ? (
        <Loading />
      ) : state.data.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        children(state.data)
      )}
    </section>
  );
}

/** One release: its health, the issues it brought, its commits, deploys and uploaded artifacts. */
export function ReleasePage() {
  const { org } = useOrg();
  const { project = "", version = "" } = useParams();
  const projectPath = `/projects/${org.slug}/${encodeURIComponent(project)}/`;
  const releasePath = `${projectPath}releases/${encodeURIComponent(version)}/`;
  const release = useApi<ReleaseDetail>(releasePath, { health: "1" });
  const issues = useApi<NewIssue[]>(`${releasePath}new-issues/`, { per_page: 25 });
  const commits = useApi<ReleaseCommit[]>(`${releasePath}commits/`);
  const deploys = useApi<Deploy[]>(`/organizations/${org.slug}/releases/${encodeURIComponent(version)}/deploys/`);
  const releasesHref = `/organizations/${org.slug}/projects/${encodeURIComponent(project)}/releases/`;

  if (release.error) return <ErrorState error={release.error} onRetry={release.reload} />;
  if (!release.data) return <Loading label="Loading release…" />;
  const data = release.data;
  return (
    <article className="page release-page">
      <div className="breadcrumb-nav">
        <Link to={releasesHref}>Releases</Link>
        <span className="muted"> / </span>
        <span className="short-id">{data.version}</span>
      </div>
      <div className="page-head">
        <h1 className="release-version">{data.version}</h1>
        <div className="muted small">
          created <TimeAgo iso={data.dateCreated} />
          {data.dateReleased ? (
            <>
              {" "}
              · finalized <TimeAgo iso={data.dateReleased} />
            </>
          ) : null}
          {data.firstEvent ? (
            <>
              {" "}
              · first event <TimeAgo iso={data.firstEvent} />
            </>
          ) : null}
        </div>
      </div>
      <ReleaseHealthCards release={data} />
      <ListPanel title="New issues" state={issues} empty="No issue was first seen in this release.">
        {(rows) => (
          <ul className="release-issues">
            {rows.map((issue) => (
              <li key={issue.id}>
                <Link className="release-issue-title" to={`/organizations/${org.slug}/issues/${issue.id}/`}>
                  {issue.title}
                </Link>
                <div className="release-issue-meta muted small">
                  <span className="short-id">{issue.shortId}</span>
                  <LevelBadge level={issue.level} />
                  <StatusBadge status={issue.status} />
                  <span>
                    {formatCount(issue.count)} event{issue.count === "1" ? "" : "s"}
                  </span>
                  <span>
                    last seen <TimeAgo iso={issue.lastSeen} />
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </ListPanel>
      <div className="release-grid">
        <ListPanel title="Commits" state={commits} empty="No commits. sentry-cli releases set-commits adds them.">
          {(rows) => (
            <ul className="release-commits">
              {rows.map((commit) => (
                <li key={commit.id}>
                  <div className="release-commit-message">{commit.message?.split("\n")[0] || "(no message)"}</div>
                  <div className="muted small">
                    <code>{commit.id.slice(0, 12)}</code>
                    {commit.author.name || commit.author.email ? ` · ${commit.author.name ?? commit.author.email}` : ""}
                    {commit.repository.name ? ` · ${commit.repository.name}` : ""}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </ListPanel>
        <ListPanel title="Deploys" state={deploys} empty="Not deployed. sentry-cli deploys new records a deploy.">
          {(rows) => (
            <ul className="release-commits">
              {rows.map((deploy) => (
                <li key={deploy.id}>
                  <div>
                    <strong>{deploy.environment}</strong>
                    {deploy.name ? <span className="muted"> · {deploy.name}</span> : null}
                  </div>
                  <div className="muted small">
                    finished <TimeAgo iso={deploy.dateFinished} />
                    {deploy.url ? (
                      <>
                        {" "}
                        ·{" "}
                        <a href={deploy.url} rel="noreferrer noopener" target="_blank">
                          {deploy.url}
                        </a>
                      </>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </ListPanel>
      </div>
      <section className="panel" aria-label="Artifacts">
        <h2>Artifacts</h2>
        <ReleaseArtifacts projectPath={projectPath} version={data.version} />
      </section>
    </article>
  );
}
