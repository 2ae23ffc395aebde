import type { DeliveryChannel, Notification } from "@faultline/core";
import type { Database } from "./client";
import type { Prisma } from "./generated/prisma/client";

export type { DeliveryChannel };
export type DeliveryKind = Notification["kind"];

export interface NewDelivery {
  projectId: number;
  ruleId: number | null;
  firingId: bigint | null;
  issueId: bigint | null;
  kind: DeliveryKind;
  channel: DeliveryChannel;
  target: string;
  /** The notification it is rendered from (core's Notification); never a secret. */
  payload: Prisma.InputJsonValue;
}

export function createNotificationDeliveriesRepo(db: Database) {
  return {
    async create(rows: NewDelivery[]): Promise<bigint[]> {
      if (rows.length === 0) return [];
      const made = await db.notificationDelivery.createManyAndReturn({ data: rows, select: { id: true } });
      return made.map((row) => row.id);
    },

    /**
     * Counts an attempt and returns the delivery, or null when it is not waiting to be sent
     * (already sent, or failed for good): a duplicate job then sends nothing.
     */
    async startAttempt(id: bigint) {
      const { count } = await db.notificationDelivery.updateMany({
        where: { id, status: "queued" },
        data: { attempts: { increment: 1 } },
      });
      return count === 0 ? null : db.notificationDelivery.findUnique({ where: { id } });
    },

    async markSent(id: bigint, providerResponseId: string | null): Promise<void> {
      await db.notificationDelivery.update({
        where: { id },
        data: { status: "sent", providerResponseId, sentAt: new Date(), lastError: null },
      });
    },

    /** Records the error; `final` marks the delivery failed (no more retries). */
    async recordError(id: bigint, error: string, final: boolean): Promise<void> {
      await db.notificationDelivery.update({
        where: { id },
        data: { lastError: error.slice(0, 2000), ...(final ? { status: "failed" } : {}) },
      });
    },

    /** Puts a failed delivery of the project back in the queue; null if there is no such failed delivery. */
    async requeue(projectId: number, id: bigint) {
      const { count } = await db.notificationDelivery.updateMany({
        where: { id, projectId, status: "failed" },
        data: { status: "queued" },
      });
      return count === 0 ? null : db.notificationDelivery.findUnique({ where: { id } });
    },

    /**
     * Who was told about the issue on these channels since the last "resolve" message for it:
     * each rule and target once (the incidents to close now that the issue is resolved). A
     * digest's delivery names only its first issue, so digests are also matched by the issues
     * their stored message lists.
     */
    async toldSinceLastResolve(projectId: number, issueId: bigint, channels: readonly DeliveryChannel[]) {
      const lastResolve = await db.notificationDelivery.findFirst({
        where: { issueId, kind: "resolve" },
        orderBy: { id: "desc" },
        select: { id: true },
      });
      const after = lastResolve?.id ?? 0n;
      const listed = JSON.stringify({ issues: [{ id: String(issueId) }] });
      const rows = await db.$queryRaw<{ rule_id: number; channel: string; target: string }[]>`
        SELECT DISTINCT rule_id, channel, target FROM notification_delivery
        WHERE project_id = ${projectId} AND id > ${after} AND status = 'sent' AND rule_id IS NOT NULL
          AND channel = ANY(${[...channels]}::text[])
          AND (
            (kind = 'alert' AND issue_id = ${issueId})
            OR (kind = 'digest' AND (issue_id = ${issueId} OR payload::jsonb @> ${listed}::jsonb))
          )`;
      return rows.map((row) => ({ ruleId: row.rule_id, channel: row.channel, target: row.target }));
    },

    async get(projectId: number, id: bigint) {
      return db.notificationDelivery.findFirst({ where: { id, projectId } });
    },

    /** Newest first; `before` is the last id of the previous page. */
    async list(
      projectId: number,
      options: { ruleId?: number; status?: "queued" | "sent" | "failed"; before?: bigint; limit?: number } = {},
    ) {
      return db.notificationDelivery.findMany({
        where: {
          projectId,
          ...(options.ruleId !== undefined ? { ruleId: options.ruleId } : {}),
          ...(options.status ? { status: options.status } : {}),
          ...(options.before !== undefined ? { id: { lt: options.before } } : {}),
        },
        orderBy: { id: "desc" },
        take: options.limit ?? 100,
      });
    },
  };
}

export type NotificationDeliveriesRepo = ReturnType<typeof createNotificationDeliveriesRepo>;
export type DeliveryRecord = NonNullable<Awaited<ReturnType<NotificationDeliveriesRepo["get"]>>>;
