import type { Database } from "./client";
import { Prisma } from "./generated/prisma/client";

export interface StoredEventRow {
  id: bigint;
  project_id: number;
  issue_id: bigint;
  event_id: string;
  timestamp: Date;
  received_at: Date;
  level: string;
  platform: string;
  release: string | null;
  environment: string | null;
  message: string;
  title: string;
  tags: Prisma.JsonValue;
  data: Prisma.JsonValue;
}

const EVENT_COLUMNS = Prisma.sql`e.id, e.project_id, e.issue_id, e.event_id::text AS event_id, e.timestamp, e.received_at,
  e.level, e.platform, e.release, e.environment, e.message, e.title, e.tags, e.data`;

interface KeysetPosition {
  timestamp: Date;
  id: bigint;
  backwards: boolean;
}

/** One keyset page of events matching `scope` and `where` (both on the alias `e`), newest first. */
function pageOfEvents(
  db: Database,
  scope: Prisma.Sql,
  limit: number,
  after: KeysetPosition | undefined,
  where: Prisma.Sql,
) {
  const direction = after?.backwards ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  return db.$queryRaw<StoredEventRow[]>`
    SELECT ${EVENT_COLUMNS} FROM event e
    WHERE ${scope} AND ${where}
      ${
        after
          ? after.backwards
            ? Prisma.sql`AND (e.timestamp, e.id) > (${after.timestamp}, ${after.id}::bigint)`
            : Prisma.sql`AND (e.timestamp, e.id) < (${after.timestamp}, ${after.id}::bigint)`
          : Prisma.empty
      }
    ORDER BY e.timestamp ${direction}, e.id ${direction}
    LIMIT ${limit}`;
}

/** Days looked at first when an event is found by its id alone. */
const RECENT_DAYS = 7;

/**
 * An event by its id, which says nothing of its day: the partitions of the last week first (most
 * events looked up by id are recent, and planning a query costs per partition it may read), then
 * every partition.
 */
async function recentFirst(db: Database, match: Prisma.Sql): Promise<StoredEventRow | null> {
  const since = new Date(Date.now() - RECENT_DAYS * 86_400_000);
  const [recent] = await db.$queryRaw<StoredEventRow[]>`
    SELECT ${EVENT_COLUMNS} FROM event e WHERE ${match} AND e.timestamp >= ${since}::timestamptz LIMIT 1`;
  if (recent) return recent;
  const [older] = await db.$queryRaw<StoredEventRow[]>`
    SELECT ${EVENT_COLUMNS} FROM event e WHERE ${match} AND e.timestamp < ${since}::timestamptz LIMIT 1`;
  return older ?? null;
}

/** Reads stored events for the API (newest first by event timestamp, id breaking ties). */
export function createIssueEventsRepo(db: Database) {
  return {
    /** `where` narrows the list (a search, built by the caller on the alias `e`). */
    list: (issueId: bigint, limit: number, after?: KeysetPosition, where: Prisma.Sql = Prisma.sql`TRUE`) =>
      pageOfEvents(db, Prisma.sql`e.issue_id = ${issueId}`, limit, after, where),

    /** A project's events, newest first, the same keyset walk as `list` (Sentry's project events). */
    listInProject: (projectId: number, limit: number, after?: KeysetPosition, where: Prisma.Sql = Prisma.sql`TRUE`) =>
      pageOfEvents(db, Prisma.sql`e.project_id = ${projectId}`, limit, after, where),

    /** An event by its id in any of these projects (an organization's: Sentry's eventids lookup). */
    byEventIdIn: (projectIds: number[], eventId: string): Promise<StoredEventRow | null> =>
      recentFirst(db, Prisma.sql`e.project_id = ANY(${projectIds}::int[]) AND e.event_id = ${eventId}::uuid`),

    async edge(issueId: bigint, which: "latest" | "oldest"): Promise<StoredEventRow | null> {
      const order = which === "latest" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
      const rows = await db.$queryRaw<StoredEventRow[]>`
        SELECT ${EVENT_COLUMNS} FROM event e WHERE e.issue_id = ${issueId}
        ORDER BY e.timestamp ${order}, e.id ${order} LIMIT 1`;
      return rows[0] ?? null;
    },

    byEventId: (projectId: number, eventId: string): Promise<StoredEventRow | null> =>
      recentFirst(db, Prisma.sql`e.project_id = ${projectId} AND e.event_id = ${eventId}::uuid`),

    /** The events just before and after this one in its issue (Sentry's previous/nextEventID). */
    async neighbours(row: StoredEventRow): Promise<{ previous: string | null; next: string | null }> {
      const [previous] = await db.$queryRaw<{ event_id: string }[]>`
        SELECT replace(event_id::text, '-', '') AS event_id FROM event
        WHERE issue_id = ${row.issue_id} AND (timestamp, id) < (${row.timestamp}, ${row.id}::bigint)
        ORDER BY timestamp DESC, id DESC LIMIT 1`;
      const [next] = await db.$queryRaw<{ event_id: string }[]>`
        SELECT replace(event_id::text, '-', '') AS event_id FROM event
        WHERE issue_id = ${row.issue_id} AND (timestamp, id) > (${row.timestamp}, ${row.id}::bigint)
        ORDER BY timestamp ASC, id ASC LIMIT 1`;
      return { previous: previous?.event_id ?? null, next: next?.event_id ?? null };
    },

    /** Events of the given issues whose `user` tag is this key, counted per day. */
    userEventsByDay: (issueIds: bigint[], userKey: string, since: Date) =>
      db.$queryRaw<{ day: Date; issue_id: bigint; count: bigint }[]>`
        SELECT date_trunc('day', timestamp) AS day, issue_id, count(*)::bigint AS count FROM event
        WHERE issue_id = ANY(${issueIds}::bigint[]) AND timestamp >= ${since}
          AND tags @> ${JSON.stringify([["user", userKey]])}::jsonb
        GROUP BY 1, 2 ORDER BY 1`,
  };
}

export type IssueEventsRepo = ReturnType<typeof createIssueEventsRepo>;
