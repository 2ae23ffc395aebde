import { useState } from "react";
import { useParams } from "react-router";
import { parseLinkHeader } from "../../api/link-header";
import type { UserReport } from "../../api/types";
import { useApi } from "../../api/use-api";
import { EmptyState, ErrorState, Loading } from "../../components/ui/states";
import { useOrg } from "../layout/org-context";
import { FeedbackList } from "./FeedbackList";

/** A project's user feedback (Sentry's user reports), newest first, a page at a time. */
export function FeedbackPage() {
  const { org } = useOrg();
  const { project = "" } = useParams();
  const [cursor, setCursor] = useState<string>();
  const feedback = useApi<UserReport[]>(`/projects/${org.slug}/${encodeURIComponent(project)}/user-feedback/`, {
    cursor,
  });
  const pages = parseLinkHeader(feedback.headers?.get("Link") ?? null);
  const name = org.projects.find((item) => item.slug === project)?.name ?? project;
  return (
    <section className="page">
      <div className="page-head">
        <h1>User feedback · {name}</h1>
      </div>
      <div className="panel">
        {feedback.error ? (
          <ErrorState error={feedback.error} onRetry={feedback.reload} />
        ) : !feedback.data ? (
          <Loading label="Loading feedback…" />
        ) : feedback.data.length === 0 ? (
          <EmptyState title="No feedback yet">
            Ask users what happened with the SDK's feedback widget or <code>Sentry.captureFeedback()</code>.
          </EmptyState>
        ) : (
          <FeedbackList org={org.slug} reports={feedback.data} />
        )}
        {pages.previous || pages.next ? (
          <div className="pager">
            <button
              type="button"
              className="btn btn-small"
              disabled={!pages.previous}
              onClick={() => setCursor(pages.previous)}
            >
              Newer
            </button>
            <button
              type="button"
              className="btn btn-small"
              disabled={!pages.next}
              onClick={() => setCursor(pages.next)}
            >
              Older
            </button>
          </div>
        ) : null}
      </div>
    </section>
  );
}
