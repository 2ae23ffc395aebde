import type { Database } from "./client";
import { Prisma } from "./generated/prisma/client";

/**
 * Reads user feedback for the web API. Feedback that arrived before its event was stored has no
 * issue_id (ingest links it only when the event is already there), so the issue is also found
 * through the event.
 */
export function createUserFeedbackRepo(db: Database) {
  return {
    async countForIssue(issueId: bigint, projectId: number): Promise<number> {
      const [row] = await db.$queryRaw<{ n: bigint }[]>`
        SELECT count(*)::bigint AS n FROM user_feedback f
        WHERE f.project_id = ${projectId}
          AND (f.issue_id = ${issueId}
               OR (f.issue_id IS NULL AND EXISTS (
                     SELECT 1 FROM event e
                     WHERE e.project_id = f.project_id AND e.event_id = f.event_id AND e.issue_id = ${issueId})))`;
      return Number(row?.n ?? 0);
    },

    /** The newest feedback about one event (Sentry's event `userReport`), or null. */
    async forEvent(projectId: number, eventId: string) {
      const [row] = await db.$queryRaw<
        { id: bigint; event_id: string; name: string; email: string; comments: string; created_at: Date }[]
      >`
        SELECT f.id, f.event_id::text AS event_id, f.name, f.email, f.comments, f.created_at
        FROM user_feedback f
        WHERE f.project_id = ${projectId} AND f.event_id = ${eventId}::uuid
        ORDER BY f.created_at DESC, f.id DESC
        LIMIT 1`;
      return row ?? null;
    },

    /**
     * Newest first. With a keyset position (created_at in ms, id), the rows after it — or, for
     * `backwards`, the rows before it, nearest first (the caller reverses them). With `issueId`,
     * only the feedback about that issue's events.
     */
    list(
      projectId: number,
      limit: number,
      position?: { createdAtMs: number; id: bigint; backwards: boolean },
      issueId?: bigint,
    ) {
      const at = position ? new Date(position.createdAtMs) : null;
      const where = !position
        ? Prisma.empty
        : position.backwards
          ? Prisma.sql`AND (f.created_at, f.id) > (${at}, ${position.id})`
          : Prisma.sql`AND (f.created_at, f.id) < (${at}, ${position.id})`;
      const order = position?.backwards
        ? Prisma.sql`f.created_at ASC, f.id ASC`
        : Prisma.sql`f.created_at DESC, f.id DESC`;
      return db.$queryRaw<
        {
          id: bigint;
          feedback_id: string;
          event_id: string | null;
          issue_id: bigint | null;
          name: string;
          email: string;
          comments: string;
          created_at: Date;
        }[]
      >`
        SELECT f.id, f.feedback_id::text AS feedback_id, f.event_id::text AS event_id,
               coalesce(f.issue_id, e.issue_id) AS issue_id, f.name, f.email, f.comments, f.created_at
        FROM user_feedback f
        LEFT JOIN event e ON e.project_id = f.project_id AND e.event_id = f.event_id
        WHERE f.project_id = ${projectId} ${where}
          ${issueId === undefined ? Prisma.empty : Prisma.sql`AND coalesce(f.issue_id, e.issue_id) = ${issueId}`}
        ORDER BY ${order}
        LIMIT ${limit}`;
    },
  };
}
