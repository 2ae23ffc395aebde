import {
  MASKED_SECRET,
  maskActionSecrets,
  restoreActionSecrets,
  type AlertAction,
  type AlertRule,
} from "@faultline/core";
import type { DeliveryRecord, StoredAlertRule } from "@faultline/db";
import { AlertRulesError } from "./alert-rules.errors";

/** Secrets (webhook signing secrets, bot tokens, keys) are write-only: reads show this instead, and an update that sends it back keeps the stored secret. */
export { MASKED_SECRET };

/** `lastFired`: when the rule last fired (null: never); the list and detail answers carry it. */
export function serializeRule(rule: StoredAlertRule, lastFired: Date | null = null) {
  return {
    id: String(rule.id),
    name: rule.name,
    enabled: rule.enabled,
    triggerMatch: rule.triggerMatch,
    triggers: rule.triggers,
    filters: rule.filters,
    actions: maskActionSecrets(rule.actions),
    actionIntervalMinutes: rule.actionIntervalMinutes,
    digestMinutes: rule.digestMinutes,
    snoozedUntil: rule.snoozedUntil,
    lastFired: lastFired?.toISOString() ?? null,
    dateCreated: rule.createdAt.toISOString(),
    dateUpdated: rule.updatedAt.toISOString(),
  };
}

/**
 * Puts the stored secret back where an update sent the mask for the same action; a mask with
 * nothing stored behind it (a new rule, a new chat) is refused for the channels added with it.
 */
export function restoreSecrets(rule: AlertRule, storedActions: AlertAction[]): AlertRule {
  const { actions, unrestored } = restoreActionSecrets(rule.actions, storedActions);
  if (unrestored.length > 0)
    throw new AlertRulesError(
      "invalid",
      unrestored.map((path) => `${path}: no secret is stored for this action; give it again`).join("; "),
    );
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
