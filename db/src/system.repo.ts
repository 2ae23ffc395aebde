import type { Database } from "./client";

/** Tables whose rows retention deletes: what "disk used by events" means. */
export const EVENT_TABLES = ["event", "attachment"] as const;

/** Above this many rows the planner's estimate stands in for an exact (slow) count. */
const EXACT_COUNT_LIMIT = 100_000;

export interface OutcomeBucketRow {
  bucket: Date;
  outcome: string;
  reason: string;
  quantity: number;
}

/** Install-wide figures for the operator's System page (superusers only). */
export function createSystemRepo(db: Database) {
  return {
    /** Outcome counts of one data category summed over every project, per bucket. */
    async outcomeBuckets(category: string, start: Date, bucketMs: number): Promise<OutcomeBucketRow[]> {
      const rows = await db.$queryRaw<{ bucket: bigint; outcome: string; reason: string; quantity: bigint }[]>`
        SELECT (floor(extract(epoch FROM hour) * 1000 / ${bucketMs}) * ${bucketMs})::bigint AS bucket,
               outcome, reason, sum(quantity)::bigint AS quantity
        FROM outcome
        WHERE category = ${category} AND hour >= ${start} AND outcome <> 'client_discarded'
        GROUP BY 1, 2, 3
        ORDER BY 1`;
      return rows.map((row) => ({
        bucket: new Date(Number(row.bucket)),
        outcome: row.outcome,
        reason: row.reason,
        quantity: Number(row.quantity),
      }));
    },

    /** Failed notification deliveries of every project, newest first, with their project's slugs. */
    async failedDeliveries(limit: number) {
      const rows = await db.notificationDelivery.findMany({
        where: { status: "failed" },
        orderBy: { id: "desc" },
        take: limit,
        select: {
          id: true,
          projectId: true,
          ruleId: true,
          kind: true,
          channel: true,
          target: true,
          attempts: true,
          lastError: true,
          createdAt: true,
          updatedAt: true,
        },
      });
      const projects = await db.project.findMany({
        where: { id: { in: [...new Set(rows.map((row) => row.projectId))] } },
        select: { id: true, slug: true, organization: { select: { slug: true } } },
      });
      const byId = new Map(projects.map((project) => [project.id, project]));
      // A later message to the same target that went out means the target works again.
      const recoveries = await Promise.all(
        rows.map((row) =>
          db.notificationDelivery.findFirst({
            where: {
              projectId: row.projectId,
              channel: row.channel,
              target: row.target,
              status: "sent",
              OR: [{ id: { gt: row.id } }, { sentAt: { gt: row.updatedAt } }],
            },
            orderBy: { sentAt: "desc" },
            select: { sentAt: true, updatedAt: true },
          }),
        ),
      );
      return rows.map((row, index) => ({
        ...row,
        recoveredAt: recoveries[index] ? (recoveries[index].sentAt ?? recoveries[index].updatedAt) : null,
        projectSlug: byId.get(row.projectId)?.slug ?? null,
        organizationSlug: byId.get(row.projectId)?.organization.slug ?? null,
      }));
    },

    async databaseBytes(): Promise<number> {
      const [row] = await db.$queryRaw<{ bytes: bigint }[]>`SELECT pg_database_size(current_database()) AS bytes`;
      return Number(row?.bytes ?? 0);
    },

    /** Size of each event table with its indexes and TOAST data. */
    async eventTableBytes(): Promise<{ table: string; bytes: number }[]> {
      // A partitioned table (event) has no storage of its own: its size is its partitions'.
      const rows = await db.$queryRaw<{ table: string; bytes: bigint }[]>`
        SELECT name AS table, (
          SELECT sum(pg_total_relation_size(part))::bigint FROM (
            SELECT name::regclass AS part UNION ALL SELECT inhrelid FROM pg_inherits WHERE inhparent = name::regclass
          ) parts) AS bytes
        FROM unnest(${[...EVENT_TABLES]}::text[]) AS name`;
      return rows.map((row) => ({ table: row.table, bytes: Number(row.bytes) }));
    },

    /** Stored events: exact when few, the planner's estimate when counting would be slow. */
    async storedEventCount(): Promise<number> {
      // The event table is partitioned: its own row holds no estimate, its partitions' rows do
      // (-1 for a partition never analyzed).
      const [estimate] = await db.$queryRaw<{ rows: number }[]>`
        SELECT COALESCE(sum(GREATEST(c.reltuples, 0)), 0)::float8 AS rows
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'event'::regclass`;
      if (estimate && estimate.rows >= EXACT_COUNT_LIMIT) return Math.round(estimate.rows);
      return db.event.count();
    },

    /** Per project: its retention override, oldest stored event, and events accepted since `since`. */
    async projectStorage(since: Date) {
      const projects = await db.project.findMany({ select: { id: true, eventRetentionDays: true } });
      const accepted = await db.outcome.groupBy({
        by: ["projectId"],
        where: { outcome: "accepted", category: "error", hour: { gte: since } },
        _sum: { quantity: true },
      });
      const acceptedBy = new Map(accepted.map((row) => [row.projectId, Number(row._sum.quantity ?? 0)]));
      return Promise.all(
        projects.map(async (project) => {
          // One index read per project ((project_id, timestamp) index).
          const oldest = await db.event.findFirst({
            where: { projectId: project.id },
            orderBy: { timestamp: "asc" },
            select: { timestamp: true },
          });
          return {
            projectId: project.id,
            retentionDays: project.eventRetentionDays,
            oldestEventAt: oldest?.timestamp ?? null,
            acceptedSince: acceptedBy.get(project.id) ?? 0,
          };
        }),
      );
    },
  };
}

export type SystemRepo = ReturnType<typeof createSystemRepo>;
