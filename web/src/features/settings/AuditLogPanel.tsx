import { useState } from "react";
import { parseLinkHeader } from "../../api/link-header";
import { useApi } from "../../api/use-api";
import { TimeAgo } from "../../components/ui/badges";
import { ErrorState, PanelSkeleton } from "../../components/ui/states";
import { displayIp } from "../../lib/text";
import { auditText } from "./audit-text";

interface AuditRow {
  id: string;
  actor: { name: string } | null;
  event: string;
  ipAddress: string | null;
  targetObject: string | null;
  dateCreated: string;
}

/** Who changed what and when (admins only: others see the API's refusal). */
export function AuditLogPanel({ org }: { org: string }) {
  const [cursor, setCursor] = useState<string>();
  const log = useApi<{ rows: AuditRow[] }>(`/organizations/${org}/audit-logs/`, { cursor });
  const pages = parseLinkHeader(log.headers?.get("Link") ?? null);
  return (
    <section className="panel">
      <h2>Audit log</h2>
      {log.error ? (
        <ErrorState error={log.error} onRetry={log.reload} />
      ) : !log.data ? (
        <PanelSkeleton />
      ) : log.data.rows.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <tbody>
              {log.data.rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <span title={row.event}>{auditText(row.event)}</span>
                    {row.targetObject ? <span className="muted"> · {row.targetObject}</span> : null}
                  </td>
                  <td className="muted small">
                    {row.actor?.name ?? "Faultline"}
                    {row.ipAddress ? ` · ${displayIp(row.ipAddress)}` : ""}
                  </td>
                  <td className="muted small">
                    <TimeAgo iso={row.dateCreated} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="pager">
        <button
          type="button"
          className="btn btn-small"
          disabled={!pages.previous}
          onClick={() => setCursor(pages.previous)}
        >
          Newer
        </button>
        <button type="button" className="btn btn-small" disabled={!pages.next} onClick={() => setCursor(pages.next)}>
          Older
        </button>
      </div>
    </section>
  );
}
