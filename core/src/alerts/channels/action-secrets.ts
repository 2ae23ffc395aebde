import type { AlertAction } from "../rule-schema";
import { MASKED_SECRET } from "./channel-actions";

/** The write-only field of each action type that has one. */
const SECRET_FIELD = {
  webhook: "secret",
  telegram: "botToken",
  pagerduty: "routingKey",
  opsgenie: "apiKey",
  ntfy: "token",
} as const;

type SecretType = keyof typeof SECRET_FIELD;
const hasSecret = (action: AlertAction): action is Extract<AlertAction, { type: SecretType }> =>
  action.type in SECRET_FIELD;

/**
 * What a stored secret belongs to: an edit that keeps this and sends the mask keeps the secret.
 * The webhook URL, the Telegram chat, the ntfy topic; PagerDuty and Opsgenie by their place
 * among the rule's actions of that type.
 */
function owner(action: AlertAction, nth: number): string {
  if (action.type === "webhook") return action.url;
  if (action.type === "telegram") return action.chatId;
  if (action.type === "ntfy") return action.topic;
  return String(nth);
}

/** Actions as the API shows them: every secret replaced by the mask (an absent optional one stays absent). */
export function maskActionSecrets(actions: AlertAction[]): AlertAction[] {
  return actions.map((action) => {
    if (!hasSecret(action)) return action;
    const field = SECRET_FIELD[action.type];
    return (action as Record<string, unknown>)[field] === undefined ? action : { ...action, [field]: MASKED_SECRET };
  });
}

function keyed(actions: AlertAction[]): { key: string; action: AlertAction }[] {
  const seen = new Map<string, number>();
  return actions.map((action) => {
    const nth = seen.get(action.type) ?? 0;
    seen.set(action.type, nth + 1);
    return { key: `${action.type} ${owner(action, nth)}`, action };
  });
}

/**
 * Puts stored secrets back where an update sent the mask for the same action. Returns the
 * paths ("actions[2].botToken") whose mask has nothing to restore, except webhook secrets,
 * which have always kept a sent-back mask as the secret.
 */
export function restoreActionSecrets(
  actions: AlertAction[],
  stored: AlertAction[],
): { actions: AlertAction[]; unrestored: string[] } {
  const storedByKey = new Map(keyed(stored).map(({ key, action }) => [key, action]));
  const unrestored: string[] = [];
  const restored = keyed(actions).map(({ key, action }, index) => {
    if (!hasSecret(action)) return action;
    const field = SECRET_FIELD[action.type];
    if ((action as Record<string, unknown>)[field] !== MASKED_SECRET) return action;
    const previous = storedByKey.get(key) as Record<string, unknown> | undefined;
    const value = previous?.[field];
    if (typeof value === "string" && value !== MASKED_SECRET) return { ...action, [field]: value } as AlertAction;
    if (action.type !== "webhook") unrestored.push(`actions[${index}].${field}`);
    return action;
  });
  return { actions: restored, unrestored };
}
