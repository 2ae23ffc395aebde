import type { StatSeries } from "../../api/types";

export interface ChartPoint {
  time: number;
  label: string;
  count: number;
}

/** Sentry's [seconds, count] pairs as chart points; anything malformed is dropped, not drawn. */
export function toChartPoints(series: StatSeries | undefined, hourly = true): ChartPoint[] {
  if (!Array.isArray(series)) return [];
  return series.flatMap((pair) => {
    if (!Array.isArray(pair)) return [];
    const [seconds, count] = pair;
    if (typeof seconds !== "number" || typeof count !== "number" || !Number.isFinite(seconds)) return [];
    const date = new Date(seconds * 1000);
    const label = hourly
      ? date.toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" })
      : date.toLocaleDateString(undefined, { month: "short", day: "numeric" });
    return [{ time: seconds * 1000, label, count: Math.max(0, count) }];
  });
}

/** Y-axis ticks for small counts: 0, 1, 2 for a peak of 2 (not 0–4), at most five otherwise. */
export function countTicks(peak: number): number {
  return Math.max(2, Math.min(5, Math.ceil(peak) + 1));
}
