import type { Database } from "./client";

const DAY_MS = 86_400_000;
/** Partitions are named for their UTC day: event_p20261205 holds that day's events. */
const PARTITION_NAME = /^(?:event|attachment)_p(\d{4})(\d{2})(\d{2})$/;

/** The tables partitioned by day: events by timestamp, attachments by arrival. */
export type DailyTable = "event" | "attachment";
/** Partitions the statistics say are smaller (or never analyzed: -1) are counted. */
const EXACT_COUNT_BELOW = 100_000;

export interface DroppedPartitions {
  partitions: number;
  /** Counted for small partitions; for big ones (reading them costs) the statistics' estimate. */
  rows: number;
}

/** The UTC day a time falls on, as a date at midnight UTC. */
export function utcDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
}

/**
 * Makes the daily event and attachment partitions from `daysBack` days ago to `daysAhead` days
 * ahead that do not exist yet (the migrations' event_partition_create and
 * attachment_partition_create, which move that day's rows out of the default partition). Returns
 * how many it made.
 */
export async function ensureEventPartitions(db: Database, now: Date, daysBack: number, daysAhead: number) {
  const first = utcDay(new Date(now.getTime() - daysBack * DAY_MS));
  const last = utcDay(new Date(now.getTime() + daysAhead * DAY_MS));
  const [row] = await db.$queryRaw<{ made: number }[]>`
    SELECT (count(*) FILTER (WHERE event_partition_create(d::date))
          + count(*) FILTER (WHERE attachment_partition_create(d::date)))::int AS made
    FROM generate_series(${first}::timestamptz AT TIME ZONE 'UTC', ${last}::timestamptz AT TIME ZONE 'UTC', interval '1 day') AS d`;
  return row?.made ?? 0;
}

/**
 * Drops the daily partitions whose whole day is before `before`: one catalog change each, no rows
 * deleted, nothing left for vacuum. Dropping takes a short exclusive lock on the event table; a
 * partition that cannot get it within a few seconds (a long read holds it) is left for the next run
 * rather than stalling the writes queued behind it.
 */
export async function dropEventPartitionsBefore(
  db: Database,
  before: Date,
  table: DailyTable = "event",
): Promise<DroppedPartitions> {
  const partitions = await db.$queryRaw<{ name: string; rows: number }[]>`
    SELECT c.relname AS name, c.reltuples::float8 AS rows
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = ${table}::regclass ORDER BY c.relname`;
  const dropped: DroppedPartitions = { partitions: 0, rows: 0 };
  for (const { name, rows } of partitions) {
    const day = PARTITION_NAME.exec(name);
    if (!day) continue;
    const end = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])) + DAY_MS;
    if (end > before.getTime()) continue;
    const events = rows >= EXACT_COUNT_BELOW ? Math.round(rows) : await countRows(db, name);
    const done = await db
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '3s'`);
        // The name comes from the catalog and matched PARTITION_NAME: safe to splice.
        await tx.$executeRawUnsafe(`DROP TABLE "${name}"`);
        return true;
      })
      .catch((error: unknown) => {
        if ((error as { code?: unknown } | null)?.code === "55P03" || String(error).includes("lock timeout"))
          return false;
        throw error;
      });
    if (!done) continue;
    dropped.partitions += 1;
    dropped.rows += events;
  }
  return dropped;
}

async function countRows(db: Database, partition: string): Promise<number> {
  // The name comes from the catalog and matched PARTITION_NAME: safe to splice.
  const [row] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${partition}"`);
  return row?.n ?? 0;
}
