import { useState } from "react";
import { apiSend } from "../../api/client";
import type { SystemFailedJob } from "../../api/system-types";
import { useApi } from "../../api/use-api";
import { EmptyState, ErrorState, PanelSkeleton } from "../../components/ui/states";
import { formatDateTime } from "../../lib/time";

/** Jobs that failed their last attempt, each with a "Replay" that puts it back on its queue. */
export function FailedJobsPanel({ onReplayed }: { onReplayed?: () => void }) {
  const jobs = useApi<SystemFailedJob[]>("/internal/system/failed-jobs/", {}, { pollMs: 30_000 });
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);

  async function replay(queue: SystemFailedJob["queue"], ids: string[] | "all") {
    setBusy(ids === "all" ? `${queue}:all` : `${queue}:${ids.join(",")}`);
    setError(null);
    try {
      await apiSend(
        "POST",
        "/internal/system/failed-jobs/replay/",
        ids === "all" ? { queue, all: true } : { queue, ids },
      );
      jobs.reload();
      onReplayed?.();
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(null);
    }
  }

  const queuesWithFailures = [...new Set((jobs.data ?? []).map((job) => job.queue))];
  return (
    <div className="panel list-panel">
      <div className="panel-head panel-title">
        <h2>Failed jobs</h2>
        <div className="toolbar">
          {queuesWithFailures.map((queue) => (
            <button
              key={queue}
              type="button"
              className="btn btn-small"
              disabled={busy !== null}
              onClick={() => void replay(queue, "all")}
            >
              Replay all ({queue})
            </button>
          ))}
        </div>
      </div>
      {error ? <div className="form-error">{error.message}</div> : null}
      {jobs.error ? (
        <ErrorState error={jobs.error} onRetry={jobs.reload} />
      ) : !jobs.data ? (
        <PanelSkeleton />
      ) : jobs.data.length === 0 ? (
        <EmptyState title="No failed jobs" />
      ) : (
        <div className="system-table">
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th>Job</th>
                  <th>Reason</th>
                  <th className="num">Attempts</th>
                  <th>Failed</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {jobs.data.map((job) => (
                  <tr key={`${job.queue}:${job.id}`}>
                    <td>
                      {job.name}
                      <div className="muted small">
                        {job.queue} #{job.id}
                        {job.projectId !== null ? ` · project ${job.projectId}` : ""}
                      </div>
                    </td>
                    <td className="system-reason">{job.reason}</td>
                    <td className="num">{job.attempts}</td>
                    <td className="small">{job.failedAt ? formatDateTime(job.failedAt) : "—"}</td>
                    <td>
                      <button
                        type="button"
                        className="btn btn-small"
                        aria-label={`Replay job ${job.id}`}
                        disabled={busy !== null}
                        onClick={() => void replay(job.queue, [job.id])}
                      >
                        Replay
                      </button>
                    </td>
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
