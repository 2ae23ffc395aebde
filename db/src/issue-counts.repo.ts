import type { Database } from "./client";

const HOUR_MS = 3_600_000;

/**
 * Spike protection's cheap path: count an event on the issue that already owns one of its
 * grouping hashes, without storing the payload. Returns false when no issue matches (the caller
 * then stores the event in full, so every issue has at least one event to show).
 */
export function createIssueCountsRepo(db: Database) {
  return {
    /**
     * Idempotent by event id: the id goes into `counted_event` in the same statement as the
     * increment, so a job run again (its worker was killed, it was replayed) counts nothing
     * twice; an id already stored in full in `event` is not counted either. The event also
     * counts in the issue's and the project's hourly rollups, as a stored one does.
     */
    async countOnKnownIssue(projectId: number, eventId: string, hashes: string[], timestamp: Date): Promise<boolean> {
      // The hour in UTC, as the store path buckets it (date_trunc would use the session's zone).
      const hour = new Date(Math.floor(timestamp.getTime() / HOUR_MS) * HOUR_MS);
      const [result] = await db.$queryRaw<{ matched: boolean }[]>`
        WITH target AS (
          SELECT issue_id FROM group_hash WHERE project_id = ${projectId} AND hash = ANY(${hashes}::text[])
          ORDER BY array_position(${hashes}::text[], hash) LIMIT 1
        ), recorded AS (
          INSERT INTO counted_event (project_id, event_id, timestamp)
          SELECT ${projectId}, ${eventId}::uuid, ${timestamp} FROM target
          -- Stored in full: looked for a day either side of its timestamp, as the store path does
          -- (only those daily partitions are read).
          WHERE NOT EXISTS (
            SELECT 1 FROM event WHERE project_id = ${projectId} AND event_id = ${eventId}::uuid
              AND timestamp >= ${timestamp}::timestamptz - interval '1 day'
              AND timestamp <= ${timestamp}::timestamptz + interval '1 day')
          ON CONFLICT (project_id, event_id) DO NOTHING
          RETURNING 1
        ), counted AS (
          UPDATE issue AS i SET
            times_seen = i.times_seen + 1,
            last_seen = GREATEST(i.last_seen, ${timestamp}),
            status = CASE WHEN i.status = 'resolved' THEN 'unresolved'::issue_status ELSE i.status END
          FROM target
          WHERE i.id = target.issue_id AND EXISTS (SELECT 1 FROM recorded)
          RETURNING i.id
        ), issue_hour AS (
          INSERT INTO issue_hourly_count (issue_id, hour, count)
          SELECT id, ${hour}, 1 FROM counted
          ON CONFLICT (issue_id, hour) DO UPDATE SET count = issue_hourly_count.count + 1
        ), project_hour AS (
          INSERT INTO project_hourly_count (project_id, hour, count)
          SELECT ${projectId}, ${hour}, 1 FROM counted
          ON CONFLICT (project_id, hour) DO UPDATE SET count = project_hourly_count.count + 1
        )
        SELECT EXISTS (SELECT 1 FROM target) AS matched`;
      return result?.matched === true;
    },
  };
}

export type IssueCountsRepo = ReturnType<typeof createIssueCountsRepo>;
