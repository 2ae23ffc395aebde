import type { Database } from "./client";
import { Prisma } from "./generated/prisma/client";

export interface EventUserRow {
  user_key: string;
  first_seen: Date;
  last_seen: Date;
  issues: bigint;
}

/**
 * The people a project's events came from (Sentry's "event users"), from the worker's exact
 * per-issue user rows. A user is keyed by their first identifier: id, else email, else IP.
 */
export function createEventUsersRepo(db: Database) {
  return {
    search: (projectId: number, match: { exact?: string; contains?: string }, limit: number, offset: number) =>
      db.$queryRaw<EventUserRow[]>`
        SELECT u.user_key, min(u.first_seen) AS first_seen, max(u.last_seen) AS last_seen, count(*)::bigint AS issues
        FROM issue_user u JOIN issue i ON i.id = u.issue_id
        WHERE i.project_id = ${projectId}
          ${match.exact !== undefined ? Prisma.sql`AND u.user_key = ${match.exact}` : Prisma.empty}
          ${match.contains !== undefined ? Prisma.sql`AND u.user_key ILIKE ${`%${match.contains.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : Prisma.empty}
        GROUP BY u.user_key
        ORDER BY max(u.last_seen) DESC, u.user_key
        LIMIT ${limit} OFFSET ${offset}`,

    /** The issues of a project this user ran into, most recent first. */
    issueIdsFor: async (projectId: number, userKey: string) =>
      (
        await db.$queryRaw<{ issue_id: bigint }[]>`
          SELECT u.issue_id FROM issue_user u JOIN issue i ON i.id = u.issue_id
          WHERE i.project_id = ${projectId} AND u.user_key = ${userKey}
          ORDER BY u.last_seen DESC LIMIT 1000`
      ).map((row) => row.issue_id),
  };
}

export type EventUsersRepo = ReturnType<typeof createEventUsersRepo>;
