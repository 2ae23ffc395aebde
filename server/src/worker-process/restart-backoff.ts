export interface RestartBackoff {
  /** Wait before the first restart, and after a run that lasted `healthyAfterMs`. */
  initialMs: number;
  /** The longest wait; each quick death doubles the previous one up to here. */
  maxMs: number;
  /** A run this long proves the worker starts fine: the next death waits `initialMs` again. */
  healthyAfterMs: number;
}

export const DEFAULT_RESTART_BACKOFF: RestartBackoff = { initialMs: 1000, maxMs: 30_000, healthyAfterMs: 60_000 };

/**
 * How long to wait before starting the worker again. A worker that keeps dying at start (a
 * setting it cannot live with, a port in use) is retried ever more slowly instead of spinning a
 * core; one that ran for a while and then died is back after a second.
 */
export function restartDelay(previousDelayMs: number | null, ranForMs: number, backoff: RestartBackoff): number {
  if (previousDelayMs === null || ranForMs >= backoff.healthyAfterMs) return backoff.initialMs;
  return Math.min(previousDelayMs * 2, backoff.maxMs);
}
