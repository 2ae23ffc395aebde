import { API_BASE } from "../../api/client";

/**
 * Download every event of the issue (`/issues/{id}/events/export/`, streamed by the server) as
 * CSV for a spreadsheet or JSON lines for scripts. Plain links: the browser streams the file and
 * the session cookie authorizes it.
 */
export function IssueExport({ issueId }: { issueId: string }) {
  const href = (format: "csv" | "jsonl") =>
    `${API_BASE}/issues/${encodeURIComponent(issueId)}/events/export/?format=${format}`;
  return (
    <section className="panel" aria-label="Export">
      <h2>Export events</h2>
      <div className="toolbar">
        <a className="btn btn-small" href={href("csv")} download>
          CSV
        </a>
        <a className="btn btn-small" href={href("jsonl")} download>
          JSON lines
        </a>
      </div>
    </section>
  );
}
