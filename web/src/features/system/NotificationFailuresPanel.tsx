import type { SystemNotificationFailure } from "../../api/system-types";
import { useApi } from "../../api/use-api";
import { EmptyState, ErrorState, PanelSkeleton } from "../../components/ui/states";
import { formatDateTime } from "../../lib/time";

/** Alert notifications that gave up (email, SMS, webhook), across every project. */
export function NotificationFailuresPanel() {
  const failures = useApi<SystemNotificationFailure[]>("/internal/system/notification-failures/", { limit: 50 });
  return (
    <div className="panel list-panel">
      <h2 className="panel-title">Notification failures</h2>
      {failures.error ? (
        <ErrorState error={failures.error} onRetry={failures.reload} />
      ) : !failures.data ? (
        <PanelSkeleton />
      ) : failures.data.length === 0 ? (
        <EmptyState title="No failed notifications" />
      ) : (
        <div className="system-table">
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th>Project</th>
                  <th>Channel</th>
                  <th>Error</th>
                  <th className="num">Attempts</th>
                  <th>Failed</th>
                </tr>
              </thead>
              <tbody>
                {failures.data.map((failure) => (
                  <tr key={failure.id} data-recovered={failure.recoveredAt ? "true" : undefined}>
                    <td>
                      {failure.organization ?? "?"}/{failure.project ?? "?"}
                      <div className="muted small">{failure.kind}</div>
                    </td>
                    <td>
                      {failure.channel}
                      <div className="muted small system-target">{failure.target}</div>
                    </td>
                    <td className={failure.recoveredAt ? "muted" : "system-reason"}>
                      {failure.lastError ?? "—"}
                      {failure.recoveredAt ? (
                        <div className="small recovered">
                          Delivered again since {formatDateTime(failure.recoveredAt)}
                        </div>
                      ) : null}
                    </td>
                    <td className="num">{failure.attempts}</td>
                    <td className="small">{formatDateTime(failure.failedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}
