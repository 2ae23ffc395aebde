import { Link, useParams } from "react-router";
import type { AffectedUserDetail } from "../../api/types";
import { useApi } from "../../api/use-api";
import { TrendChart } from "../../components/charts/TrendChart";
import { LevelBadge, StatusBadge, TimeAgo } from "../../components/ui/badges";
import { EmptyState, ErrorState, PanelSkeleton } from "../../components/ui/states";
import { useOrg } from "../layout/org-context";
import { plural } from "../../lib/text";

/** Everything that went wrong for one person: their events per day and their issues. */
export function UserPage() {
  const { org } = useOrg();
  const { project = "", tagValue = "" } = useParams();
  const detail = useApi<AffectedUserDetail>(
    `/projects/${org.slug}/${encodeURIComponent(project)}/users/${encodeURIComponent(tagValue)}/`,
  );
  if (detail.error) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <PanelSkeleton />;
  const { user, events, issues } = detail.data;
  const total = events["14d"].reduce((sum, [, count]) => sum + count, 0);
  return (
    <section className="page">
      <div className="breadcrumb-nav">
        <Link to={`/organizations/${org.slug}/projects/${project}/users/`}>Users affected</Link>
      </div>
      <div className="page-head">
        <h1>{user.tagValue}</h1>
        <div className="muted">
          first seen <TimeAgo iso={user.dateCreated} /> · last seen <TimeAgo iso={user.lastSeen} />
        </div>
      </div>
      <div className="panel">
        <h2>
          {total} error{total === 1 ? "" : "s"} in the last 14 days · {issues.length} issue
          {issues.length === 1 ? "" : "s"}
        </h2>
        <TrendChart series={events["14d"]} hourly={false} />
      </div>
      <div className="panel list-panel">
        {issues.length === 0 ? (
          <EmptyState title="No issues" />
        ) : (
          <ul className="issue-list">
            {issues.map((issue) => (
              <li key={issue.id} className="user-issue">
                <Link to={`/organizations/${org.slug}/issues/${issue.id}/`} className="issue-title">
                  {issue.title}
                </Link>
                <div className="issue-meta">
                  <LevelBadge level={issue.level} />
                  <StatusBadge status={issue.status} />
                  <span>
                    {plural(
                      issue.userEvents["14d"].reduce((sum, [, count]) => sum + count, 0),
                      "event",
                    )}{" "}
                    for this user · last seen <TimeAgo iso={issue.lastSeen} />
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
