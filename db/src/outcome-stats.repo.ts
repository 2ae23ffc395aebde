import type { Database } from "./client";

export interface OutcomeStatsRow {
  projectId: number;
  /** Start of the bucket, epoch milliseconds. */
  bucket: number;
  outcome: string;
  category: string;
  reason: string;
  quantity: number;
}

/** Reads the hourly `outcome` rows (what ingest counted) for the web API's stats_v2. */
export function createOutcomeStatsRepo(db: Database) {
  return {
    async buckets(query: {
      projectIds: number[];
      start: Date;
      end: Date;
      bucketMs: number;
      /** Only these categories (empty: all). */
      categories: string[];
      /** Only these outcomes, as stored (empty: all). */
      outcomes: string[];
    }): Promise<OutcomeStatsRow[]> {
      const { projectIds, start, end, bucketMs, categories, outcomes } = query;
      const rows = await db.$queryRaw<
        { project_id: number; bucket: bigint; outcome: string; category: string; reason: string; quantity: bigint }[]
      >`
        SELECT project_id, (floor(extract(epoch FROM hour) * 1000 / ${bucketMs}) * ${bucketMs})::bigint AS bucket,
               outcome, category, reason, sum(quantity)::bigint AS quantity
        FROM outcome
        WHERE project_id = ANY(${projectIds}::int[]) AND hour >= ${start} AND hour < ${end}
          AND (cardinality(${categories}::text[]) = 0 OR category = ANY(${categories}::text[]))
          AND (cardinality(${outcomes}::text[]) = 0 OR outcome = ANY(${outcomes}::text[]))
        GROUP BY 1, 2, 3, 4, 5`;
      return rows.map((row) => ({
        projectId: row.project_id,
        bucket: Number(row.bucket),
        outcome: row.outcome,
        category: row.category,
        reason: row.reason,
        quantity: Number(row.quantity),
      }));
    },
  };
}
