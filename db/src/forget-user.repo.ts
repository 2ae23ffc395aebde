import type { Database } from "./client";

export interface ForgetResult {
  deletedEvents: number;
  recountedIssues: number;
  deletedIssues: number;
}

/**
 * Right to be forgotten: deletes every event of one user (matched by user id or email) in a
 * project, then recounts what those events contributed to — issue counters, distinct users,
 * tag values, hourly rollups. Issues left without events are deleted.
 */
export async function forgetUser(db: Database, projectId: number, user: string): Promise<ForgetResult> {
  return db.$transaction(
    async (tx) => {
      const deleted = await tx.$queryRaw<{ issue_id: bigint; hour: Date }[]>`
        DELETE FROM event
        WHERE project_id = ${projectId}
          AND (data->'user'->>'id' = ${user} OR data->'user'->>'email' = ${user})
        RETURNING issue_id, date_trunc('hour', timestamp) AS hour`;
      if (deleted.length === 0) return { deletedEvents: 0, recountedIssues: 0, deletedIssues: 0 };
      const issueIds = [...new Set(deleted.map((row) => String(row.issue_id)))].sort();

      const perHour = new Map<string, number>();
      for (const row of deleted) perHour.set(row.hour.toISOString(), (perHour.get(row.hour.toISOString()) ?? 0) + 1);
      const hours = [...perHour.keys()].sort();
      await tx.$executeRaw`
        UPDATE project_hourly_count AS p SET count = GREATEST(p.count - v.n, 0)
        FROM unnest(${hours}::timestamptz[], ${hours.map((h) => perHour.get(h) ?? 0)}::int[]) AS v(hour, n)
        WHERE p.project_id = ${projectId} AND p.hour = v.hour`;

      const emptied = await tx.$queryRaw<{ id: bigint }[]>`
        DELETE FROM issue i WHERE i.id = ANY(${issueIds}::bigint[])
          AND NOT EXISTS (SELECT 1 FROM event e WHERE e.issue_id = i.id)
        RETURNING id`;
      const remaining = issueIds.filter((id) => !emptied.some((row) => String(row.id) === id));
      if (remaining.length > 0) await recountIssues(tx, remaining);
      return { deletedEvents: deleted.length, recountedIssues: remaining.length, deletedIssues: emptied.length };
    },
    { timeout: 120_000 },
  );
}

type Tx = Parameters<Parameters<Database["$transaction"]>[0]>[0];

async function recountIssues(tx: Tx, issueIds: string[]): Promise<void> {
  await tx.$executeRaw`
    UPDATE issue i SET times_seen = s.n, first_seen = s.first, last_seen = s.last
    FROM (SELECT issue_id, count(*)::int AS n, min(timestamp) AS first, max(timestamp) AS last
          FROM event WHERE issue_id = ANY(${issueIds}::bigint[]) GROUP BY issue_id) s
    WHERE i.id = s.issue_id`;
  // Distinct users are rebuilt from the remaining events, keyed as the worker keys them.
  await tx.$executeRaw`DELETE FROM issue_user WHERE issue_id = ANY(${issueIds}::bigint[])`;
  await tx.$executeRaw`
    INSERT INTO issue_user (issue_id, user_key, first_seen, last_seen)
    SELECT issue_id, user_key, min(timestamp), max(timestamp) FROM (
      SELECT issue_id, timestamp, COALESCE(
        'id:' || NULLIF(data->'user'->>'id', ''), 'email:' || NULLIF(data->'user'->>'email', ''),
        'ip:' || NULLIF(data->'user'->>'ip_address', ''), 'username:' || NULLIF(data->'user'->>'username', '')) AS user_key
      FROM event WHERE issue_id = ANY(${issueIds}::bigint[])) k
    WHERE user_key IS NOT NULL GROUP BY 1, 2`;
  await tx.$executeRaw`
    UPDATE issue i SET user_count = (SELECT count(*) FROM issue_user u WHERE u.issue_id = i.id)
    WHERE i.id = ANY(${issueIds}::bigint[])`;
  await tx.$executeRaw`DELETE FROM issue_hourly_count WHERE issue_id = ANY(${issueIds}::bigint[])`;
  await tx.$executeRaw`
    INSERT INTO issue_hourly_count (issue_id, hour, count)
    SELECT issue_id, date_trunc('hour', timestamp), count(*) FROM event
    WHERE issue_id = ANY(${issueIds}::bigint[]) GROUP BY 1, 2`;
  await tx.$executeRaw`DELETE FROM issue_tag_value WHERE issue_id = ANY(${issueIds}::bigint[])`;
  await tx.$executeRaw`
    INSERT INTO issue_tag_value (issue_id, key, value, times_seen, first_seen, last_seen)
    SELECT e.issue_id, t.pair->>0, t.pair->>1, count(*), min(e.timestamp), max(e.timestamp)
    FROM event e, jsonb_array_elements(e.tags) AS t(pair)
    WHERE e.issue_id = ANY(${issueIds}::bigint[]) GROUP BY 1, 2, 3`;
}
