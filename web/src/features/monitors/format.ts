import type { Monitor } from "./types";

/** "0 3 * * * (Europe/Vienna)" or "every 2 hours". */
export function describeSchedule(config: Monitor["config"]): string {
  const { schedule, timezone } = config;
  if (typeof schedule === "string") return timezone === "UTC" ? schedule : `${schedule} (${timezone})`;
  const [count, unit] = schedule;
  return count === 1 ? `every ${unit}` : `every ${count} ${unit}s`;
}

/** A run's duration as people read it: 850 ms, 12.5 s, 3 min 20 s. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

const LABELS: Record<string, string> = {
  active: "waiting",
  ok: "ok",
  error: "error",
  missed: "missed",
  missed_checkin: "missed",
  timeout: "timeout",
  in_progress: "in progress",
};

const FAILED = new Set(["error", "missed", "timeout"]);

/** A status's words and its CSS class (from a fixed list: never a class named by the server). */
export function statusLook(status: string): { label: string; className: string } {
  const label = LABELS[status] ?? "unknown";
  const tone = status === "ok" ? "ok" : FAILED.has(label) ? "failed" : "pending";
  return { label, className: `monitor-status monitor-status-${tone}` };
}
