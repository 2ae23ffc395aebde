const UNITS = ["B", "KB", "MB", "GB", "TB"];

/** 1536 → "1.5 KB" (binary multiples, as PostgreSQL's pg_size_pretty counts). */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${UNITS[unit]}`;
}

/** 0 → "0 s", 95 → "1 min 35 s", 7300 → "2 h 1 min". */
export function formatAge(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

/** "rate_limited" + "key_quota" → "rate limited: key_quota". */
export function refusalLabel(outcome: string, reason: string): string {
  const name = outcome.replace(/_/g, " ");
  return reason ? `${name}: ${reason}` : name;
}
