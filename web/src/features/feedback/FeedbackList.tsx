import { Link } from "react-router";
import type { UserReport } from "../../api/types";
import { TimeAgo } from "../../components/ui/badges";

/** Where a report's issue (and event, when known) opens in the dashboard. */
export function reportHref(org: string, report: UserReport): string | undefined {
  if (!report.issue) return undefined;
  const issue = `/organizations/${encodeURIComponent(org)}/issues/${encodeURIComponent(report.issue.id)}/`;
  return report.eventID ? `${issue}events/${encodeURIComponent(report.eventID)}/` : issue;
}

/** User reports as cards: who, what they wrote, when, and the crash they wrote about. */
export function FeedbackList({
  org,
  reports,
  showIssueLink = true,
}: {
  org: string;
  reports: UserReport[];
  /** Off on the issue page itself, where the link would lead back to the same page. */
  showIssueLink?: boolean;
}) {
  return (
    <ul className="feedback-list">
      {reports.map((report) => {
        const href = showIssueLink ? reportHref(org, report) : undefined;
        return (
          <li key={report.id} className="feedback-item">
            <div className="feedback-head">
              <strong className="feedback-name">{report.name || "Anonymous"}</strong>
              {report.email ? (
                <a className="feedback-email" href={`mailto:${report.email}`}>
                  {report.email}
                </a>
              ) : null}
              <span className="muted small">
                <TimeAgo iso={report.dateCreated} />
              </span>
            </div>
            <p className="feedback-comments">{report.comments}</p>
            {href ? (
              <Link className="small" to={href}>
                {report.eventID ? `Event ${report.eventID.slice(0, 8)}` : "Issue"} →
              </Link>
            ) : showIssueLink && !report.issue ? (
              <span className="muted small">Not linked to an event</span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
