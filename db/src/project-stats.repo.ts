import type { Database } from "./client";

/** Stored events per project per bucket, from the worker's hourly rollup. */
export function createProjectStatsRepo(db: Database) {
  return {
    counts: (projectIds: number[], start: Date, end: Date, bucketMs: number) =>
      db.$queryRaw<{ project_id: number; bucket: bigint; count: bigint }[]>`
        SELECT project_id, (floor(extract(epoch FROM hour) * 1000 / ${bucketMs}) * ${bucketMs})::bigint AS bucket,
               sum(count)::bigint AS count
        FROM project_hourly_count
        WHERE project_id = ANY(${projectIds}::int[]) AND hour >= ${start} AND hour < ${end}
        GROUP BY 1, 2`,
  };
}
