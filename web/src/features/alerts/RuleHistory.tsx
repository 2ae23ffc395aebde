import { Link } from "react-router";
import type { AlertFiring } from "../../api/types";
import { useApi } from "../../api/use-api";
import { StatusBadge, TimeAgo } from "../../components/ui/badges";
import { EmptyState, ErrorState, PanelSkeleton } from "../../components/ui/states";

const TRIGGER_NAMES: Record<string, string> = {
  first_seen: "new issue",
  regression: "regression",
  event_frequency: "event frequency",
  unique_users: "users affected",
};

/** When the rule fired, about which issue, for which triggers, and what it sent. */
export function RuleHistory({ path, orgSlug }: { path: string; orgSlug: string }) {
  const history = useApi<AlertFiring[]>(path, {}, { pollMs: 15_000 });
  return (
    <section className="panel list-panel" aria-label="History">
      <h2 className="panel-title">History</h2>
      {history.error && !history.data ? (
        <ErrorState error={history.error} onRetry={history.reload} />
      ) : !history.data ? (
        <PanelSkeleton />
      ) : history.data.length === 0 ? (
        <EmptyState title="This rule has not fired yet">
          Tests are not firings: they show in the delivery log.
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th>Fired</th>
                <th>Issue</th>
                <th>Because of</th>
                <th>Sent</th>
              </tr>
            </thead>
            <tbody>
              {history.data.map((firing) => (
                <tr key={firing.id}>
                  <td className="small">
                    <TimeAgo iso={firing.dateFired} />
                  </td>
                  <td>
                    <Link to={`/organizations/${orgSlug}/issues/${firing.issueId}/`}>Issue {firing.issueId}</Link>
                  </td>
                  <td className="small">{firing.triggers.map((t) => TRIGGER_NAMES[t] ?? t).join(", ")}</td>
                  <td className="small">
                    {firing.digestPending ? <span className="muted">waiting for the digest</span> : null}
                    {firing.deliveries.map((delivery) => (
                      <div key={delivery.id}>
                        {delivery.channel} → {delivery.target} <StatusBadge status={delivery.status} />
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
