import type { UserReport } from "../../../api/types";
import { TimeAgo } from "../../../components/ui/badges";

/** What the user who hit this event wrote about it (the SDK's feedback widget or user report). */
export function EventUserReport({ report }: { report: UserReport }) {
  return (
    <section className="event-section" aria-label="User feedback">
      <h2>User feedback</h2>
      <div className="feedback-item">
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
      </div>
    </section>
  );
}
