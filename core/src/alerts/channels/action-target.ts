import type { AlertAction } from "../rule-schema";
import type { DeliveryChannel } from "./channel-actions";

/** The end of a secret, enough to tell two keys apart in the delivery log without revealing them. */
export function secretHint(secret: string): string {
  return `key …${secret.slice(-4)}`;
}

/**
 * What the delivery log names as the recipient of one message of this action, one per message.
 * Never a secret: tokens and keys show only their last four characters.
 */
export function actionTargets(action: AlertAction): string[] {
  switch (action.type) {
    case "email":
      return action.targets.map((target) => target.toLowerCase());
    case "sms":
      return action.targets;
    case "telegram":
      return [action.chatId];
    case "pagerduty":
      return [secretHint(action.routingKey)];
    case "opsgenie":
      return [secretHint(action.apiKey)];
    case "ntfy":
      return [action.topic];
    default:
      return [action.url];
  }
}

/** The rule's action a delivery was made for (a retry or test reads its secret there). */
export function findDeliveryAction<C extends DeliveryChannel>(
  actions: AlertAction[],
  channel: C,
  target: string,
): Extract<AlertAction, { type: C }> | undefined {
  return actions.find(
    (action): action is Extract<AlertAction, { type: C }> =>
      action.type === channel && actionTargets(action).includes(target),
  );
}
