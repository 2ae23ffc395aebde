/** A limit of `count` events per `windowSeconds`, counted in fixed windows aligned to the epoch. */
export interface WindowLimit {
  count: number;
  windowSeconds: number;
}

export function windowStart(nowMs: number, windowSeconds: number): number {
  const windowMs = windowSeconds * 1000;
  return Math.floor(nowMs / windowMs) * windowMs;
}

/** Seconds until the current window ends, rounded up, at least 1. */
export function secondsUntilWindowEnds(nowMs: number, windowSeconds: number): number {
  const end = windowStart(nowMs, windowSeconds) + windowSeconds * 1000;
  return Math.max(1, Math.ceil((end - nowMs) / 1000));
}
