import type { UserReport } from "../../api/types";
import { useApi } from "../../api/use-api";
import { ErrorState, Loading } from "../../components/ui/states";
import { FeedbackList } from "./FeedbackList";

/** The issue page's side panel of what users said about its events; nothing when none did. */
export function IssueFeedback({ org, issueId }: { org: string; issueId: string }) {
  const reports = useApi<UserReport[]>(`/issues/${encodeURIComponent(issueId)}/user-reports/`, { per_page: 20 });
  if (reports.data?.length === 0) return null;
  return (
    <section className="panel" aria-label="User feedback">
      <h2>User feedback</h2>
      {reports.error ? (
        <ErrorState error={reports.error} onRetry={reports.reload} />
      ) : !reports.data ? (
        <Loading />
      ) : (
        <FeedbackList org={org} reports={reports.data} />
      )}
    </section>
  );
}
