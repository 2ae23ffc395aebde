import type { Database } from "./client";
import { withoutStatementTimeout } from "./long-writes";
import { Prisma } from "./generated/prisma/client";
import { ISSUE_COLUMNS, ISSUE_JOINS, type IssueRow } from "./issue-search/list-issues";

export type StatsPeriod = "24h" | "14d" | "30d";

/** Bucket size and count per period: 24 hourly buckets, or 14 or 30 daily ones. */
export const STATS_PERIODS: Record<StatsPeriod, { bucketMs: number; buckets: number }> = {
  "24h": { bucketMs: 3_600_000, buckets: 24 },
  "14d": { bucketMs: 86_400_000, buckets: 14 },
  "30d": { bucketMs: 86_400_000, buckets: 30 },
};

export interface IssueChanges {
  status?: "unresolved" | "resolved" | "ignored";
  statusDetails?: Prisma.InputJsonValue;
  resolvedInRelease?: string | null;
  ignoreUntil?: Date | null;
  ignoreUntilCount?: number | null;
  ignoreUntilUserCount?: number | null;
  ignoreWindow?: number | null;
  ignoreUserWindow?: number | null;
  assigneeId?: number | null;
  /** A team assignee (Sentry's `team:<id>`); set together with assigneeId, one of them null. */
  assigneeTeamId?: number | null;
}

export function createIssuesRepo(db: Database) {
  return {
    async findRow(id: bigint): Promise<IssueRow | null> {
      const rows = await db.$queryRaw<
        IssueRow[]
      >`SELECT ${ISSUE_COLUMNS} FROM issue i ${ISSUE_JOINS} WHERE i.id = ${id}`;
      return rows[0] ?? null;
    },

    /**
     * Sentry's `stats` series per issue: [[unix seconds, count], ...] oldest first, ending with the
     * bucket holding `now`. From the hourly rollup the worker maintains.
     */
    async stats(ids: bigint[], period: StatsPeriod, now: Date): Promise<Map<string, [number, number][]>> {
      const { bucketMs, buckets } = STATS_PERIODS[period];
      const end = Math.floor(now.getTime() / bucketMs) * bucketMs;
      const start = end - (buckets - 1) * bucketMs;
      const rows = await db.$queryRaw<{ issue_id: bigint; bucket: bigint; count: bigint }[]>`
        SELECT issue_id, (floor(extract(epoch FROM hour) * 1000 / ${bucketMs}) * ${bucketMs})::bigint AS bucket,
               sum(count)::bigint AS count
        FROM issue_hourly_count
        WHERE issue_id = ANY(${ids}::bigint[]) AND hour >= ${new Date(start)}
        GROUP BY 1, 2`;
      const byIssue = new Map<string, [number, number][]>();
      for (const id of ids) {
        byIssue.set(
          String(id),
          Array.from({ length: buckets }, (_, n) => [(start + n * bucketMs) / 1000, 0] as [number, number]),
        );
      }
      for (const row of rows) {
        const series = byIssue.get(String(row.issue_id));
        const slot = series?.[Math.round((Number(row.bucket) - start) / bucketMs)];
        if (slot) slot[1] = Number(row.count);
      }
      return byIssue;
    },

    async commentCounts(ids: bigint[]): Promise<Map<string, number>> {
      const rows = await db.issueActivity.groupBy({
        by: ["issueId"],
        where: { issueId: { in: ids }, type: "note" },
        _count: { _all: true },
      });
      return new Map(rows.map((row) => [String(row.issueId), row._count._all]));
    },

    async update(ids: bigint[], changes: IssueChanges): Promise<void> {
      await db.issue.updateMany({
        where: { id: { in: ids } },
        data: {
          status: changes.status,
          statusDetails: changes.statusDetails,
          resolvedInRelease: changes.resolvedInRelease,
          ignoreUntil: changes.ignoreUntil,
          ignoreUntilCount: changes.ignoreUntilCount,
          ignoreUntilUserCount: changes.ignoreUntilUserCount,
          ignoreWindow: changes.ignoreWindow,
          ignoreUserWindow: changes.ignoreUserWindow,
          assigneeId: changes.assigneeId,
          assigneeTeamId: changes.assigneeTeamId,
        },
      });
    },

    /** An "ignore for N more events" threshold counts from each issue's own count. */
    async setIgnoreCount(ids: bigint[], extra: number): Promise<void> {
      await db.$executeRaw`UPDATE issue SET ignore_until_count = times_seen + ${extra} WHERE id = ANY(${ids}::bigint[])`;
    },

    async setIgnoreUserCount(ids: bigint[], extra: number): Promise<void> {
      await db.$executeRaw`UPDATE issue SET ignore_until_user_count = user_count + ${extra} WHERE id = ANY(${ids}::bigint[])`;
    },

    // Cascades through every event of the issues: may outlast the server's statement timeout.
    delete: (ids: bigint[]) => withoutStatementTimeout(db, (tx) => tx.issue.deleteMany({ where: { id: { in: ids } } })),

    /** Which of these issues the user has bookmarked and is subscribed to. */
    async viewerMarks(ids: bigint[], userId: number): Promise<{ bookmarked: Set<string>; subscribed: Set<string> }> {
      if (ids.length === 0) return { bookmarked: new Set(), subscribed: new Set() };
      const [bookmarks, subscriptions] = await Promise.all([
        db.issueBookmark.findMany({ where: { issueId: { in: ids }, userId }, select: { issueId: true } }),
        db.issueSubscription.findMany({
          where: { issueId: { in: ids }, userId, isActive: true },
          select: { issueId: true },
        }),
      ]);
      return {
        bookmarked: new Set(bookmarks.map((row) => String(row.issueId))),
        subscribed: new Set(subscriptions.map((row) => String(row.issueId))),
      };
    },

    async setBookmarked(ids: bigint[], userId: number, bookmarked: boolean): Promise<void> {
      if (!bookmarked) {
        await db.issueBookmark.deleteMany({ where: { issueId: { in: ids }, userId } });
        return;
      }
      await db.issueBookmark.createMany({
        data: ids.map((issueId) => ({ issueId, userId })),
        skipDuplicates: true,
      });
    },

    /** An explicit choice either way is kept (false: unsubscribed, even if later participating). */
    async setSubscribed(ids: bigint[], userId: number, subscribed: boolean): Promise<void> {
      await db.$executeRaw`
        INSERT INTO issue_subscription (issue_id, user_id, is_active)
        SELECT id, ${userId}, ${subscribed} FROM unnest(${ids}::bigint[]) AS id
        ON CONFLICT (issue_id, user_id) DO UPDATE SET is_active = EXCLUDED.is_active`;
    },

    /** An issue by its project's slug and number, within one organization (Sentry's short id). */
    async findByShortId(organizationId: number, projectSlug: string, shortId: number): Promise<IssueRow | null> {
      const rows = await db.$queryRaw<IssueRow[]>`
        SELECT ${ISSUE_COLUMNS} FROM issue i ${ISSUE_JOINS}
        WHERE o.id = ${organizationId} AND p.slug = ${projectSlug} AND i.short_id = ${shortId}`;
      return rows[0] ?? null;
    },

    /** The newest release the project has seen (for "resolved in next release"). */
    async latestRelease(projectId: number): Promise<string | null> {
      const row = await db.projectRelease.findFirst({ where: { projectId }, orderBy: { firstSeen: "desc" } });
      return row?.version ?? null;
    },

    hashes: (issueId: bigint) =>
      db.groupHash.findMany({ where: { issueId }, orderBy: { id: "asc" }, select: { hash: true, createdAt: true } }),

    /** Tag keys with their top values (from the worker's per-issue tag counts). */
    async tagSummary(issueId: bigint, topValues = 9) {
      return db.$queryRaw<
        {
          key: string;
          value: string;
          times_seen: number;
          first_seen: Date;
          last_seen: Date;
          total: bigint;
          distinct: bigint;
        }[]
      >`
        SELECT key, value, times_seen, first_seen, last_seen, total, distinct_values AS distinct FROM (
          SELECT key, value, times_seen, first_seen, last_seen,
                 sum(times_seen) OVER (PARTITION BY key) AS total,
                 count(*) OVER (PARTITION BY key) AS distinct_values,
                 row_number() OVER (PARTITION BY key ORDER BY times_seen DESC, value) AS rank
          FROM issue_tag_value WHERE issue_id = ${issueId}) ranked
        WHERE rank <= ${topValues}
        ORDER BY key, times_seen DESC, value`;
    },

    /** One key's values, most frequent first, keyset-paginated on (times_seen, value). */
    tagValues: (issueId: bigint, key: string, limit: number, after?: { count: number; value: string }) =>
      db.$queryRaw<{ value: string; times_seen: number; first_seen: Date; last_seen: Date }[]>`
        SELECT value, times_seen, first_seen, last_seen FROM issue_tag_value
        WHERE issue_id = ${issueId} AND key = ${key}
          ${after ? Prisma.sql`AND (times_seen, value) < (${after.count}, ${after.value})` : Prisma.empty}
        ORDER BY times_seen DESC, value DESC
        LIMIT ${limit}`,
  };
}

export type IssuesRepo = ReturnType<typeof createIssuesRepo>;
