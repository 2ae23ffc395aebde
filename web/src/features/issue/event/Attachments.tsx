import { API_BASE } from "../../../api/client";
import type { EventAttachment } from "../../../api/types";
import { useApi } from "../../../api/use-api";
import { ErrorState, Loading } from "../../../components/ui/states";

/** Sentry's attachment types, as people call them. */
const TYPE_LABELS: Record<string, string> = {
  "event.attachment": "Attachment",
  "event.minidump": "Minidump",
  "event.applecrashreport": "Apple crash report",
  "event.view_hierarchy": "View hierarchy",
  "unreal.context": "Unreal context",
  "unreal.logs": "Unreal logs",
};

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The files stored with an event (attachments, minidumps...), each with a download link. The
 * link is built from the dashboard's own origin rather than the API's `downloadUrl`, which names
 * the public URL a proxy may not serve the session cookie on.
 */
export function EventAttachments({ projectPath, eventId }: { projectPath: string; eventId: string }) {
  const path = `${projectPath}events/${encodeURIComponent(eventId)}/attachments/`;
  const attachments = useApi<EventAttachment[]>(path);
  if (attachments.error) return <ErrorState error={attachments.error} onRetry={attachments.reload} />;
  if (!attachments.data) return <Loading label="Loading attachments…" />;
  if (attachments.data.length === 0) return null;
  return (
    <section className="event-section" aria-label="Attachments">
      <h2>Attachments</h2>
      <ul className="attachment-list">
        {attachments.data.map((file) => (
          <li key={file.id} className="attachment">
            <span className="attachment-name">{file.name}</span>
            <span className="muted small">
              {TYPE_LABELS[file.type] ?? file.type} · {formatBytes(file.size)}
            </span>
            <a className="btn btn-small" href={`${API_BASE}${path}${encodeURIComponent(file.id)}/?download=1`} download>
              Download
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
