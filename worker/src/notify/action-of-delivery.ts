import { findDeliveryAction, type AlertAction, type DeliveryChannel } from "@faultline/core";
import type { AlertRulesRepo, DeliveryRecord } from "@faultline/db";
import { PermanentDeliveryError } from "./errors";

/** The rule's action a delivery was made for: secrets stay in the rule, never in the delivery log. */
export async function actionOfDelivery<C extends DeliveryChannel>(
  rules: AlertRulesRepo,
  delivery: DeliveryRecord,
  channel: C,
): Promise<Extract<AlertAction, { type: C }>> {
  const rule = delivery.ruleId === null ? null : await rules.get(delivery.projectId, delivery.ruleId);
  const action = rule ? findDeliveryAction(rule.actions, channel, delivery.target) : undefined;
  if (!action) throw new PermanentDeliveryError(`the rule no longer has this ${channel} action`);
  return action;
}
