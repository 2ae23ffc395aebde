import type { IssueDetail } from "../../api/types";
import { TimeAgo } from "../../components/ui/badges";

/** Which release fixed the issue, and which release and deploy brought it back. */
export function IssueReleases({ issue }: { issue: IssueDetail }) {
  const resolvedIn = issue.resolvedInRelease ?? null;
  const regression = issue.regression ?? null;
  if (!resolvedIn && !regression) return null;
  return (
    <div className="issue-meta issue-releases">
      {resolvedIn ? (
        <span>
          resolved in <strong>{resolvedIn.version}</strong>
        </span>
      ) : null}
      {regression ? (
        <span>
          regressed <TimeAgo iso={regression.date} />
          {regression.release ? <span className="muted"> in {regression.release}</span> : null}
          {regression.deploy ? (
            <span className="muted">
              {" "}
              · deployed to {regression.deploy.environment}
              {regression.deploy.name ? ` (${regression.deploy.name})` : ""}{" "}
              <TimeAgo iso={regression.deploy.dateFinished} />
            </span>
          ) : null}
        </span>
      ) : null}
    </div>
  );
}
