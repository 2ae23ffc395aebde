import { parseAlertRule, parseAlertRuleUpdate, parseInt8Id } from "@faultline/core";
import {
  createAlertFiringsRepo,
  createAlertNotificationsRepo,
  createAlertRulesRepo,
  createNotificationDeliveriesRepo,
  type Database,
  type StoredAlertRule,
} from "@faultline/db";
import type { AlertsQueue, DeliveryChannel } from "@faultline/runtime";
import { AlertRulesError } from "./alert-rules.errors";
import { restoreSecrets, serializeDelivery, serializeRule } from "./alert-rules.serialize";
import type { SendTestLimit } from "./send-test-limit";

export interface AlertRulesServiceDeps {
  db: Database;
  queue: AlertsQueue;
  /** Base URL for links in test notifications (PUBLIC_URL). */
  publicUrl: string;
  /** Limits "Send test"; without it tests are not limited (tests of the service itself). */
  sendTestLimit?: SendTestLimit | undefined;
}

const DELIVERY_STATUSES = ["queued", "sent", "failed"] as const;

/**
 * Alert rules, their history and the delivery log of one project. Takes plain arguments (the
 * project id the caller has already authorized, parsed ids, request bodies) so any front door —
 * the /api/0 router, a CLI, tests — can use it; it knows nothing of HTTP.
 */
export function createAlertRulesService({ db, queue, publicUrl, sendTestLimit }: AlertRulesServiceDeps) {
  const rules = createAlertRulesRepo(db);
  const firings = createAlertFiringsRepo(db);
  const deliveries = createNotificationDeliveriesRepo(db);
  const notifications = createAlertNotificationsRepo(db, publicUrl);

  async function ruleOrThrow(projectId: number, ruleId: number): Promise<StoredAlertRule> {
    const rule = await rules.get(projectId, ruleId);
    if (!rule) throw new AlertRulesError("not_found", "alert rule not found");
    return rule;
  }

  async function serializeOne(rule: StoredAlertRule) {
    const lastFired = await firings.lastFiredAt([rule.id]);
    return serializeRule(rule, lastFired.get(rule.id) ?? null);
  }

  return {
    async list(projectId: number) {
      const listed = await rules.list(projectId);
      const lastFired = await firings.lastFiredAt(listed.map((rule) => rule.id));
      return listed.map((rule) => serializeRule(rule, lastFired.get(rule.id) ?? null));
    },

    async create(projectId: number, body: unknown) {
      const parsed = parseAlertRule(body);
      if (!parsed.ok) throw new AlertRulesError("invalid", parsed.detail);
      return serializeRule(await rules.create(projectId, restoreSecrets(parsed.value, [])));
    },

    async get(projectId: number, ruleId: number) {
      return serializeOne(await ruleOrThrow(projectId, ruleId));
    },

    /** Any subset of the fields; the rest stay as they are. */
    async update(projectId: number, ruleId: number, body: unknown) {
      const current = await ruleOrThrow(projectId, ruleId);
      const parsed = parseAlertRuleUpdate(current, body);
      if (!parsed.ok) throw new AlertRulesError("invalid", parsed.detail);
      const updated = await rules.update(projectId, ruleId, restoreSecrets(parsed.value, current.actions));
      if (!updated) throw new AlertRulesError("not_found", "alert rule not found");
      return serializeOne(updated);
    },

    async remove(projectId: number, ruleId: number): Promise<void> {
      if (!(await rules.remove(projectId, ruleId))) throw new AlertRulesError("not_found", "alert rule not found");
    },

    /**
     * A test message through every action of the rule (about the latest issue, or an example).
     * Counted per rule and per person (`userId`) first: past a limit, nothing is sent.
     */
    async sendTest(projectId: number, ruleId: number, userId: number | null = null) {
      const rule = await ruleOrThrow(projectId, ruleId);
      await sendTestLimit?.take(rule.id, userId);
      const notification = await notifications.forTest(rule);
      const ids = await deliveries.create(notifications.deliveriesFor(rule, notification, null));
      const created = [];
      for (const id of ids) {
        const delivery = await deliveries.get(projectId, id);
        if (!delivery) continue;
        await queue.deliver(delivery.channel as DeliveryChannel, id);
        created.push(serializeDelivery(delivery));
      }
      return created;
    },

    /** The rule's firings, newest first, with what each one sent. */
    async history(projectId: number, ruleId: number) {
      await ruleOrThrow(projectId, ruleId);
      return (await firings.listForRule(ruleId)).map((firing) => ({
        id: String(firing.id),
        issueId: String(firing.issueId),
        eventId: firing.eventId,
        triggers: firing.triggers,
        digestPending: firing.digestPending,
        dateFired: firing.firedAt.toISOString(),
        deliveries: firing.deliveries.map((d) => ({
          id: String(d.id),
          channel: d.channel,
          target: d.target,
          status: d.status,
        })),
      }));
    },

    /** The delivery log, newest first; `cursor` is the last id of the previous page. */
    async listDeliveries(
      projectId: number,
      query: { status?: string; ruleId?: number; cursor?: string; limit?: number },
    ) {
      const status = DELIVERY_STATUSES.find((s) => s === query.status);
      if (query.status !== undefined && !status)
        throw new AlertRulesError("invalid", `status: must be one of ${DELIVERY_STATUSES.join(", ")}`);
      const before = query.cursor === undefined ? undefined : parseInt8Id(query.cursor);
      if (query.cursor !== undefined && before === undefined)
        throw new AlertRulesError("invalid", "cursor: must be an id");
      const limit = Math.min(Math.max(query.limit ?? 100, 1), 100);
      const rows = await deliveries.list(projectId, {
        ...(status ? { status } : {}),
        ...(query.ruleId !== undefined ? { ruleId: query.ruleId } : {}),
        ...(before !== undefined ? { before } : {}),
        limit,
      });
      const last = rows[rows.length - 1];
      return {
        deliveries: rows.map(serializeDelivery),
        nextCursor: rows.length === limit && last ? String(last.id) : null,
      };
    },

    /** Sends a failed delivery again (the same message), with a fresh round of retries. */
    async retryDelivery(projectId: number, deliveryId: bigint) {
      const delivery = await deliveries.requeue(projectId, deliveryId);
      if (!delivery) throw new AlertRulesError("not_found", "no failed delivery with this id");
      await queue.deliver(delivery.channel as DeliveryChannel, delivery.id, `retry${Date.now()}`);
      return serializeDelivery(delivery);
    },
  };
}

export type AlertRulesService = ReturnType<typeof createAlertRulesService>;
