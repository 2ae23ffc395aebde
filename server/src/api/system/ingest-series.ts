import type { OutcomeBucketRow } from "@faultline/db";

export interface RefusedSeries {
  outcome: string;
  reason: string;
  total: number;
  series: number[];
}

export interface IngestSeries {
  intervals: string[];
  accepted: number[];
  refused: RefusedSeries[];
  totals: { accepted: number; refused: number };
}

/** Hourly outcome rows as one accepted series and one series per refusal outcome and reason. */
export function toIngestSeries(
  rows: OutcomeBucketRow[],
  start: number,
  buckets: number,
  bucketMs: number,
): IngestSeries {
  const intervals = Array.from({ length: buckets }, (_, n) => new Date(start + n * bucketMs).toISOString());
  const accepted = new Array<number>(buckets).fill(0);
  const refused = new Map<string, RefusedSeries>();
  for (const row of rows) {
    const index = Math.floor((row.bucket.getTime() - start) / bucketMs);
    if (index < 0 || index >= buckets) continue;
    if (row.outcome === "accepted") {
      accepted[index] = (accepted[index] ?? 0) + row.quantity;
      continue;
    }
    const key = `${row.outcome}|${row.reason}`;
    let entry = refused.get(key);
    if (!entry) {
      entry = { outcome: row.outcome, reason: row.reason, total: 0, series: new Array<number>(buckets).fill(0) };
      refused.set(key, entry);
    }
    entry.series[index] = (entry.series[index] ?? 0) + row.quantity;
    entry.total += row.quantity;
  }
  const refusedList = [...refused.values()].sort((a, b) => b.total - a.total);
  return {
    intervals,
    accepted,
    refused: refusedList,
    totals: {
      accepted: accepted.reduce((sum, count) => sum + count, 0),
      refused: refusedList.reduce((sum, entry) => sum + entry.total, 0),
    },
  };
}
