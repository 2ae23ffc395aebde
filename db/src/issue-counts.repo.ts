import type { Database } from "./client";

/**
 * Spike protection's cheap path: count an event on the issue that already owns one of its
 * grouping hashes, without storing the payload. Returns false when no issue matches (the caller
 * then stores the event in full, so every issue has at least one event to show).
 */
export function createIssueCountsRepo(db: Database) {
  return {
    async countOnKnownIssue(projectId: number, hashes: string[], timestamp: Date): Promise<boolean> {
      const updated = await db.$executeRaw`
        UPDATE issue AS i SET
          times_seen = i.times_seen + 1,
          last_seen = GREATEST(i.last_seen, ${timestamp}),
          status = CASE WHEN i.status = 'resolved' THEN 'unresolved'::issue_status ELSE i.status END
        WHERE i.id = (SELECT issue_id FROM group_hash WHERE project_id = ${projectId} AND hash = ANY(${hashes}::text[])
                      ORDER BY array_position(${hashes}::text[], hash) LIMIT 1)`;
      return updated > 0;
    },
  };
}

export type IssueCountsRepo = ReturnType<typeof createIssueCountsRepo>;
