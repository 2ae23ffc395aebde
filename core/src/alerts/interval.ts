/** Window lengths written the way Sentry's rule editor offers them: "1m", "15m", "1h", "1d", "1w". */
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
export const INTERVAL_PATTERN = /^([1-9]\d{0,3})([mhdw])$/;
/** Longest window a frequency or unique-users trigger may look back over. */
export const MAX_INTERVAL_MS = 30 * UNIT_MS.d;

/** Milliseconds in an interval string, or undefined when it is not one. */
export function intervalMs(interval: string): number | undefined {
  const match = INTERVAL_PATTERN.exec(interval);
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms <= MAX_INTERVAL_MS ? ms : undefined;
}
