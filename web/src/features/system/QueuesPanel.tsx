import type { SystemQueue } from "../../api/system-types";
import { useApi } from "../../api/use-api";
import { ErrorState, PanelSkeleton } from "../../components/ui/states";
import { formatCount } from "../../lib/time";
import { formatAge } from "./format";

/** Jobs per queue and state, and how long the oldest waiting job has waited (the workers' lag). */
export function QueuesPanel() {
  const queues = useApi<SystemQueue[]>("/internal/system/queues/", {}, { pollMs: 10_000 });
  return (
    <div className="panel">
      <h2>Queues</h2>
      {queues.error ? (
        <ErrorState error={queues.error} onRetry={queues.reload} />
      ) : !queues.data ? (
        <PanelSkeleton />
      ) : (
        <div className="system-table">
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th>Queue</th>
                  <th className="num">Waiting</th>
                  <th className="num">Active</th>
                  <th className="num" title="Retries waiting for their backoff">
                    Delayed
                  </th>
                  <th className="num" title="Next runs of the repeatable maintenance jobs">
                    Scheduled
                  </th>
                  <th className="num">Failed</th>
                  <th className="num">Lag (oldest waiting)</th>
                </tr>
              </thead>
              <tbody>
                {queues.data.map((queue) => (
                  <tr key={queue.name}>
                    <td>{queue.name}</td>
                    <td className="num">{formatCount(queue.waiting)}</td>
                    <td className="num">{formatCount(queue.active)}</td>
                    <td className="num">{formatCount(queue.delayed)}</td>
                    <td className="num muted">{formatCount(queue.scheduled ?? 0)}</td>
                    <td className={queue.failed > 0 ? "num text-error" : "num"}>{formatCount(queue.failed)}</td>
                    <td className="num">{formatAge(queue.oldestWaitingAgeSeconds)}</td>
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
