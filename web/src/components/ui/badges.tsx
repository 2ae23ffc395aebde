import { timeAgo } from "../../lib/time";

/** Class names come from a fixed pattern only: event data never picks arbitrary classes. */
const safeClass = (value: string) => (/^[a-z]+$/.test(value) ? value : "unknown");

export function LevelBadge({ level }: { level: string }) {
  return <span className={`level level-${safeClass(level)}`}>{level}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`status status-${safeClass(status)}`}>{status}</span>;
}

export function TimeAgo({ iso, now }: { iso: string; now?: number }) {
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString()}>
      {timeAgo(iso, now)}
    </time>
  );
}
