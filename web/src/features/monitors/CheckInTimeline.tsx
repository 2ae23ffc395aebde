import { useApi } from "../../api/use-api";
import { TimeAgo } from "../../components/ui/badges";
import { EmptyState, ErrorState, Loading } from "../../components/ui/states";
import { formatDuration, statusLook } from "./format";
import type { CheckIn } from "./types";

/** A monitor's latest check-ins, oldest on the left as on a timeline, with status and duration. */
export function CheckInTimeline({ org, monitor }: { org: string; monitor: string }) {
  const checkIns = useApi<CheckIn[]>(
    `/organizations/${encodeURIComponent(org)}/monitors/${encodeURIComponent(monitor)}/checkins/`,
    { per_page: "50" },
  );
  if (checkIns.error) return <ErrorState error={checkIns.error} onRetry={checkIns.reload} />;
  if (!checkIns.data) return <Loading label="Loading check-ins…" />;
  if (checkIns.data.length === 0)
    return <EmptyState title="No check-ins yet">Runs show here as they check in.</EmptyState>;
  const runs = [...checkIns.data].reverse();
  return (
    <div className="monitor-timeline">
      <ol className="monitor-ticks" aria-label="Check-in timeline">
        {runs.map((run) => {
          const look = statusLook(run.status);
          return (
            <li
              key={run.id}
              className={`monitor-tick ${look.className}`}
              title={`${look.label} · ${new Date(run.dateCreated).toLocaleString()} · ${formatDuration(run.duration)}`}
            >
              <span className="visually-hidden">{look.label}</span>
            </li>
          );
        })}
      </ol>
      <table className="table">
        <thead>
          <tr>
            <th>Status</th>
            <th>When</th>
            <th>Duration</th>
            <th>Environment</th>
          </tr>
        </thead>
        <tbody>
          {checkIns.data.map((run) => {
            const look = statusLook(run.status);
            return (
              <tr key={run.id}>
                <td>
                  <span className={look.className}>{look.label}</span>
                </td>
                <td>
                  <TimeAgo iso={run.dateCreated} />
                </td>
                <td>{formatDuration(run.duration)}</td>
                <td>{run.environment ?? "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
