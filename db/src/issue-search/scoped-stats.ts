import type { Database } from "../client";
import { Prisma } from "../generated/prisma/client";
import { STATS_PERIODS, type StatsPeriod } from "../issues.repo";
import { conditionsMatch, environmentMatch, rangeMatch, type EventScope } from "./event-scope";

/** Sentry's "seen stats": events, distinct users, first and last event. */
export interface SeenStats {
  count: number;
  userCount: number;
  firstSeen: Date | null;
  lastSeen: Date | null;
}

export interface ScopedIssueStats {
  /** In the scope's environments and time range (Sentry's top-level numbers). */
  ranged: SeenStats;
  /** In the scope's environments, all time (Sentry's `lifetime`). */
  lifetime: SeenStats;
  /** In the environments and range, meeting the conditions (Sentry's `filtered`). */
  filtered: SeenStats;
}

const EMPTY: SeenStats = { count: 0, userCount: 0, firstSeen: null, lastSeen: null };

/** Whether the list's numbers differ from the issues' own counters at all. */
export function isScoped(scope: EventScope): boolean {
  return (
    scope.environments.length > 0 || scope.start !== undefined || scope.end !== undefined || scope.conditions.length > 0
  );
}

/**
 * The page's events, each with its user and whether it is in range and meets the conditions.
 * No rollup holds users or sparklines per environment, release or tag, so the events are read;
 * the (issue_id, timestamp) index bounds that to the page's issues (and the period).
 */
function scopedEvents(ids: bigint[], scope: EventScope, since?: Date): Prisma.Sql {
  // OFFSET 0 keeps the per-event expressions above the scan of the partitions: without it the
  // planner copies them (each term a subplan) into every daily partition's scan, and planning
  // alone grows with terms × partitions.
  return Prisma.sql`
    SELECT e.issue_id, e.timestamp,
      (SELECT t->>1 FROM jsonb_array_elements(e.tags) t WHERE t->>0 = 'user' LIMIT 1) AS user_key,
      (${rangeMatch(scope)}) AS in_range,
      (${conditionsMatch(scope)}) AS matched
    FROM (
      SELECT e.issue_id, e.timestamp, e.tags, e.data FROM event e
      WHERE e.issue_id = ANY(${ids}::bigint[]) AND ${environmentMatch(scope)}
        ${since ? Prisma.sql`AND e.timestamp >= ${since}` : Prisma.empty}
      OFFSET 0
    ) e`;
}

interface SeenRow {
  issue_id: bigint;
  count: bigint;
  users: bigint;
  first: Date | null;
  last: Date | null;
  r_count: bigint;
  r_users: bigint;
  r_first: Date | null;
  r_last: Date | null;
  f_count: bigint;
  f_users: bigint;
  f_first: Date | null;
  f_last: Date | null;
}

/** One query for the whole page: lifetime, ranged and filtered numbers per issue. */
export async function scopedSeenStats(
  db: Database,
  ids: bigint[],
  scope: EventScope,
): Promise<Map<string, ScopedIssueStats>> {
  const result = new Map<string, ScopedIssueStats>();
  if (ids.length === 0) return result;
  const rows = await db.$queryRaw<SeenRow[]>`
    SELECT issue_id,
      count(*) AS count, count(DISTINCT user_key) AS users, min(timestamp) AS first, max(timestamp) AS last,
      count(*) FILTER (WHERE in_range) AS r_count,
      count(DISTINCT user_key) FILTER (WHERE in_range) AS r_users,
      min(timestamp) FILTER (WHERE in_range) AS r_first,
      max(timestamp) FILTER (WHERE in_range) AS r_last,
      count(*) FILTER (WHERE in_range AND matched) AS f_count,
      count(DISTINCT user_key) FILTER (WHERE in_range AND matched) AS f_users,
      min(timestamp) FILTER (WHERE in_range AND matched) AS f_first,
      max(timestamp) FILTER (WHERE in_range AND matched) AS f_last
    FROM (${scopedEvents(ids, scope)}) scoped
    GROUP BY issue_id`;
  for (const id of ids) result.set(String(id), { ranged: EMPTY, lifetime: EMPTY, filtered: EMPTY });
  for (const row of rows) {
    result.set(String(row.issue_id), {
      lifetime: { count: Number(row.count), userCount: Number(row.users), firstSeen: row.first, lastSeen: row.last },
      ranged: {
        count: Number(row.r_count),
        userCount: Number(row.r_users),
        firstSeen: row.r_first,
        lastSeen: row.r_last,
      },
      filtered: {
        count: Number(row.f_count),
        userCount: Number(row.f_users),
        firstSeen: row.f_first,
        lastSeen: row.f_last,
      },
    });
  }
  return result;
}

export type Series = [number, number][];

/**
 * Sparklines in the scope's environments: `all` (Sentry's `stats`) and `filtered` (events that
 * meet the conditions, Sentry's `filtered.stats`), one query for the page.
 */
export async function scopedSeries(
  db: Database,
  ids: bigint[],
  scope: EventScope,
  period: StatsPeriod,
  now: Date,
): Promise<Map<string, { all: Series; filtered: Series }>> {
  const { bucketMs, buckets } = STATS_PERIODS[period];
  const end = Math.floor(now.getTime() / bucketMs) * bucketMs;
  const start = end - (buckets - 1) * bucketMs;
  const result = new Map<string, { all: Series; filtered: Series }>();
  const empty = () => Array.from({ length: buckets }, (_, n) => [(start + n * bucketMs) / 1000, 0] as [number, number]);
  for (const id of ids) result.set(String(id), { all: empty(), filtered: empty() });
  if (ids.length === 0) return result;
  const rows = await db.$queryRaw<{ issue_id: bigint; bucket: bigint; count: bigint; matched: bigint }[]>`
    SELECT issue_id, (floor(extract(epoch FROM timestamp) * 1000 / ${bucketMs}) * ${bucketMs})::bigint AS bucket,
      count(*) AS count, count(*) FILTER (WHERE matched) AS matched
    FROM (${scopedEvents(ids, scope, new Date(start))}) scoped
    GROUP BY 1, 2`;
  for (const row of rows) {
    const series = result.get(String(row.issue_id));
    const slot = Math.round((Number(row.bucket) - start) / bucketMs);
    const all = series?.all[slot];
    const filtered = series?.filtered[slot];
    if (all) all[1] = Number(row.count);
    if (filtered) filtered[1] = Number(row.matched);
  }
  return result;
}
