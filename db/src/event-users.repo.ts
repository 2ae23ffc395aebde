import type { Database } from "./client";
import { Prisma } from "./generated/prisma/client";

export interface EventUserRow {
  user_key: string;
  first_seen: Date;
  last_seen: Date;
  issues: bigint;
  email: string | null;
  username: string | null;
  ip_address: string | null;
  name: string | null;
}

/** What to find users by: their key (`id:42`), one field exactly, or any part of any field. */
export interface EventUserMatch {
  key?: string;
  field?: { name: "id" | "email" | "username" | "ip"; value: string };
  contains?: string;
}

const FIELD_COLUMNS = {
  email: Prisma.sql`u.email`,
  username: Prisma.sql`u.username`,
  ip: Prisma.sql`u.ip_address`,
} as const;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function matchCondition(match: EventUserMatch): Prisma.Sql {
  if (match.key !== undefined) return Prisma.sql`AND u.user_key = ${match.key}`;
  if (match.field) {
    const { name, value } = match.field;
    const byKey = Prisma.sql`u.user_key = ${`${name}:${value}`}`;
    if (name === "id") return Prisma.sql`AND ${byKey}`;
    return Prisma.sql`AND (${byKey} OR lower(${FIELD_COLUMNS[name]}) = lower(${value}))`;
  }
  if (match.contains !== undefined) {
    const pattern = `%${escapeLike(match.contains)}%`;
    return Prisma.sql`AND (u.user_key ILIKE ${pattern} OR u.email ILIKE ${pattern} OR u.username ILIKE ${pattern}
      OR u.ip_address ILIKE ${pattern} OR u.name ILIKE ${pattern})`;
  }
  return Prisma.empty;
}

/** The field's value from the user's most recently seen row that has one. */
const latest = (column: string) =>
  Prisma.raw(`(array_agg(u.${column} ORDER BY u.last_seen DESC) FILTER (WHERE u.${column} IS NOT NULL))[1]`);

/**
 * The people a project's events came from (Sentry's "event users"), from the worker's exact
 * per-issue user rows. A user is keyed by their first identifier: id, else email, else IP; their
 * email, username, IP and name sit beside the key, so any of them finds the user.
 */
export function createEventUsersRepo(db: Database) {
  return {
    search: (projectId: number, match: EventUserMatch, limit: number, offset: number) =>
      db.$queryRaw<EventUserRow[]>`
        SELECT u.user_key, min(u.first_seen) AS first_seen, max(u.last_seen) AS last_seen, count(*)::bigint AS issues,
          ${latest("email")} AS email, ${latest("username")} AS username,
          ${latest("ip_address")} AS ip_address, ${latest("name")} AS name
        FROM issue_user u JOIN issue i ON i.id = u.issue_id
        WHERE i.project_id = ${projectId} ${matchCondition(match)}
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
