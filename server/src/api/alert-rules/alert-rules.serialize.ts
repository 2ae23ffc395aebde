import type { AlertAction, AlertRule } from "@faultline/core";
import type { DeliveryRecord, StoredAlertRule } from "@faultline/db";

/** Webhook secrets are write-only: reads show this instead, and an update that sends it back keeps the stored secret. */
export const MASKED_SECRET = "********";

/** `lastFired`: when the rule last fired (null: never); the list and detail answers carry it. */
export function serializeRule(rule: StoredAlertRule, lastFired: Date | null = null) {
  return {
    id: String(rule.id),
    name: rule.name,
    enabled: rule.enabled,
    triggerMatch: rule.triggerMatch,
    triggers: rule.triggers,
    filters: rule.filters,
    actions: rule.actions.map((action) => (action.type === "webhook" ? { ...action, secret: MASKED_SECRET } : action)),
    actionIntervalMinutes: rule.actionIntervalMinutes,
    digestMinutes: rule.digestMinutes,
    snoozedUntil: rule.snoozedUntil,
    lastFired: lastFired?.toISOString() ?? null,
    dateCreated: rule.createdAt.toISOString(),
    dateUpdated: rule.updatedAt.toISOString(),
  };
}

/** Puts the stored secret back where an update sent the mask for the same webhook URL. */
export function restoreSecrets(rule: AlertRule, stored: StoredAlertRule): AlertRule {
  const secrets = new Map(stored.actions.flatMap((a) => (a.type === "webhook" ? [[a.url, a.secret] as const] : [])));
  const actions = rule.actions.map((action): AlertAction => {
    if (action.type !== "webhook" || action.secret !== MASKED_SECRET) return action;
    const secret = secrets.get(action.url);
    return secret ? { ...action, secret } : action;
  });
  return { ...rule, actions };
}

export function serializeDelivery(delivery: DeliveryRecord) {
  return {
    id: String(delivery.id),
    ruleId: delivery.ruleId === null ? null : String(delivery.ruleId),
    issueId: delivery.issueId === null ? null : String(delivery.issueId),
    firingId: delivery.firingId === null ? null : String(delivery.firingId),
    kind: delivery.kind,
    channel: delivery.channel,
    target: delivery.target,
    status: delivery.status,
    attempts: delivery.attempts,
    lastError: delivery.lastError,
    providerResponseId: delivery.providerResponseId,
    notification: delivery.payload,
    dateCreated: delivery.createdAt.toISOString(),
    dateUpdated: delivery.updatedAt.toISOString(),
    dateSent: delivery.sentAt?.toISOString() ?? null,
  };
}
