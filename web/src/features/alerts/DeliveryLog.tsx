import { useEffect, useState } from "react";
import { api } from "../../api/endpoints";
import type { DeliveryStatus, NotificationDelivery } from "../../api/types";
import { useApi } from "../../api/use-api";
import { StatusBadge, TimeAgo } from "../../components/ui/badges";
import { EmptyState, ErrorState, PanelSkeleton } from "../../components/ui/states";
import { errorText } from "./use-alerts-project";
import { CHANNEL_NAMES } from "./summaries";

const STATUS_FILTERS: { value: DeliveryStatus | ""; label: string }[] = [
  { value: "", label: "All" },
  { value: "queued", label: "Queued" },
  { value: "sent", label: "Sent" },
  { value: "failed", label: "Failed" },
];

/**
 * Every message sent (or being sent) for the project, or for one rule: newest first, refreshed
 * every few seconds so queued messages turn sent or failed on screen; failed ones can be retried.
 */
export function DeliveryLog(props: { apiBase: string; ruleId?: string; title?: string; reloadKey?: number }) {
  const [status, setStatus] = useState<DeliveryStatus | "">("");
  // Cursors of the pages before this one, so "Newer" can go back.
  const [cursors, setCursors] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const [retrying, setRetrying] = useState<string>();
  const cursor = cursors[cursors.length - 1];
  const log = useApi<NotificationDelivery[]>(
    `${props.apiBase}notifications/`,
    { status: status || undefined, rule: props.ruleId, cursor },
    { pollMs: 3000 },
  );
  const next = log.headers?.get("X-Next-Cursor");
  const { reload } = log;
  // The parent bumps reloadKey after it queued messages (a test): show them without waiting for the poll.
  useEffect(() => {
    if (props.reloadKey) reload();
  }, [props.reloadKey, reload]);

  async function retry(delivery: NotificationDelivery) {
    setError(undefined);
    setRetrying(delivery.id);
    try {
      await api.retryDelivery(props.apiBase, delivery.id);
      log.reload();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setRetrying(undefined);
    }
  }

  return (
    <section className="panel list-panel" aria-label={props.title ?? "Delivery log"}>
      <div className="side-head panel-title">
        <h2>{props.title ?? "Delivery log"}</h2>
        <div className="segmented" role="group" aria-label="Delivery status">
          {STATUS_FILTERS.map((item) => (
            <button
              key={item.label}
              type="button"
              aria-pressed={status === item.value}
              className={status === item.value ? "active" : ""}
              onClick={() => {
                setStatus(item.value);
                setCursors([]);
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      </div>
      {error ? (
        <div className="form-error panel-title" role="alert">
          {error}
        </div>
      ) : null}
      {log.error && !log.data ? (
        <ErrorState error={log.error} onRetry={log.reload} />
      ) : !log.data ? (
        <PanelSkeleton />
      ) : log.data.length === 0 ? (
        <EmptyState title={status ? `No ${status} deliveries` : "Nothing sent yet"}>
          Each email, SMS or webhook call a rule (or "Send test") makes is listed here.
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table delivery-table">
            <thead>
              <tr>
                <th>Time</th>
                <th>Channel</th>
                <th>Target</th>
                <th>Status</th>
                <th className="num">Attempts</th>
                <th>Error</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {log.data.map((delivery) => (
                <tr key={delivery.id} data-status={delivery.status}>
                  <td className="small">
                    <TimeAgo iso={delivery.dateCreated} />
                    {delivery.kind !== "alert" ? <div className="muted">{delivery.kind}</div> : null}
                  </td>
                  <td>{CHANNEL_NAMES[delivery.channel]}</td>
                  <td className="small cell-wrap">{delivery.target}</td>
                  <td>
                    <StatusBadge status={delivery.status} />
                  </td>
                  <td className="num">{delivery.attempts}</td>
                  <td className="small cell-error" title={delivery.lastError ?? undefined}>
                    {delivery.lastError ?? ""}
                  </td>
                  <td className="num">
                    {delivery.status === "failed" ? (
                      <button
                        type="button"
                        className="btn btn-small"
                        disabled={retrying === delivery.id}
                        aria-label={`Retry delivery to ${delivery.target}`}
                        onClick={() => void retry(delivery)}
                      >
                        Retry
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursors.length > 0 || next ? (
        <div className="pager panel-title">
          <button
            type="button"
            className="btn btn-small"
            disabled={cursors.length === 0}
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            Newer
          </button>
          <button
            type="button"
            className="btn btn-small"
            disabled={!next}
            onClick={() => next && setCursors((c) => [...c, next])}
          >
            Older
          </button>
        </div>
      ) : null}
    </section>
  );
}
