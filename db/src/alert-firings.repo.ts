import type { Database } from "./client";
import type { NewDelivery } from "./notification-deliveries.repo";

export interface FiringInput {
  ruleId: number;
  projectId: number;
  issueId: bigint;
  eventId: string;
  triggers: string[];
  /** true for digest rules: the firing waits for the rule's digest job. */
  digestPending: boolean;
}

export function createAlertFiringsRepo(db: Database) {
  return {
    /**
     * Records a firing and its deliveries in one transaction. A retried evaluation of the same
     * event finds the firing already there and creates nothing (`created: false`).
     */
    async recordFiring(
      firing: FiringInput,
      deliveries: (firingId: bigint) => NewDelivery[],
    ): Promise<{ firingId: bigint; created: boolean; deliveryIds: bigint[] }> {
      return db.$transaction(async (tx) => {
        const inserted = await tx.$queryRaw<{ id: bigint }[]>`
          INSERT INTO alert_firing (rule_id, project_id, issue_id, event_id, triggers, digest_pending)
          VALUES (${firing.ruleId}, ${firing.projectId}, ${firing.issueId}, ${firing.eventId},
                  ${firing.triggers}::text[], ${firing.digestPending})
          ON CONFLICT (rule_id, issue_id, event_id) DO NOTHING
          RETURNING id`;
        const created = inserted[0];
        if (created) {
          const rows = deliveries(created.id);
          const made = rows.length
            ? await tx.notificationDelivery.createManyAndReturn({ data: rows, select: { id: true } })
            : [];
          return { firingId: created.id, created: true, deliveryIds: made.map((row) => row.id) };
        }
        const existing = await tx.alertFiring.findUniqueOrThrow({
          where: {
            ruleId_issueId_eventId: { ruleId: firing.ruleId, issueId: firing.issueId, eventId: firing.eventId },
          },
          select: { id: true, deliveries: { where: { status: "queued" }, select: { id: true } } },
        });
        return { firingId: existing.id, created: false, deliveryIds: existing.deliveries.map((row) => row.id) };
      });
    },

    /**
     * Takes the digest rule's waiting firings and creates the digest's deliveries, atomically:
     * two digest jobs for one rule can never send the same firing twice.
     */
    async collectDigest(
      ruleId: number,
      deliveries: (
        firings: { id: bigint; issueId: bigint; eventId: string; triggers: string[] }[],
      ) => Promise<NewDelivery[]> | NewDelivery[],
    ): Promise<bigint[]> {
      return db.$transaction(async (tx) => {
        const firings = await tx.$queryRaw<{ id: bigint; issueId: bigint; eventId: string; triggers: string[] }[]>`
          UPDATE alert_firing SET digest_pending = false
          WHERE rule_id = ${ruleId} AND digest_pending
          RETURNING id, issue_id AS "issueId", event_id AS "eventId", triggers`;
        if (firings.length === 0) return [];
        firings.sort((a, b) => (a.id < b.id ? -1 : 1));
        const rows = await deliveries(firings);
        if (rows.length === 0) return [];
        const made = await tx.notificationDelivery.createManyAndReturn({ data: rows, select: { id: true } });
        return made.map((row) => row.id);
      });
    },

    async hasPendingDigest(ruleId: number): Promise<boolean> {
      return (await db.alertFiring.count({ where: { ruleId, digestPending: true } })) > 0;
    },

    /** A rule's firings, newest first. */
    /** When each of these rules last fired (rules that never fired are absent). */
    async lastFiredAt(ruleIds: number[]): Promise<Map<number, Date>> {
      if (ruleIds.length === 0) return new Map();
      const rows = await db.alertFiring.groupBy({
        by: ["ruleId"],
        where: { ruleId: { in: ruleIds } },
        _max: { firedAt: true },
      });
      return new Map(rows.flatMap((row) => (row._max.firedAt ? [[row.ruleId, row._max.firedAt] as const] : [])));
    },

    async listForRule(ruleId: number, limit = 100) {
      return db.alertFiring.findMany({
        where: { ruleId },
        orderBy: { id: "desc" },
        take: limit,
        include: {
          deliveries: { select: { id: true, channel: true, target: true, status: true }, orderBy: { id: "asc" } },
        },
      });
    },
  };
}

export type AlertFiringsRepo = ReturnType<typeof createAlertFiringsRepo>;
