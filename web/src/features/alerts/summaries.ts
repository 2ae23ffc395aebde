import type { AlertAction, AlertTrigger } from "@faultline/contracts";

function describeTrigger(trigger: AlertTrigger): string {
  switch (trigger.type) {
    case "first_seen":
      return "new issue";
    case "regression":
      return "regression";
    case "event_frequency":
      return `${trigger.value}+ events in ${trigger.interval}`;
    case "unique_users":
      return `${trigger.value}+ users in ${trigger.interval}`;
  }
}

/** "new issue or 100+ events in 1h": the rule's triggers in a line. */
export function triggersSummary(triggers: AlertTrigger[], match: "any" | "all"): string {
  return triggers.map(describeTrigger).join(match === "all" ? " and " : " or ");
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Each channel's name as people know it. */
export const CHANNEL_NAMES: Record<AlertAction["type"], string> = {
  email: "Email",
  sms: "SMS",
  webhook: "Webhook",
  slack: "Slack",
  discord: "Discord",
  teams: "Teams",
  mattermost: "Mattermost",
  rocketchat: "Rocket.Chat",
  googlechat: "Google Chat",
  telegram: "Telegram",
  pagerduty: "PagerDuty",
  opsgenie: "Opsgenie",
  ntfy: "ntfy",
};

function actionWhere(action: AlertAction): string {
  switch (action.type) {
    case "email":
    case "sms":
      return action.targets.join(", ");
    case "webhook":
      return hostOf(action.url);
    case "telegram":
      return action.chatId;
    case "ntfy":
      return action.topic;
    case "pagerduty":
    case "opsgenie":
      return "";
    default:
      return hostOf(action.url);
  }
}

/** "Email: oncall@example.com · Webhook: hooks.example.com · PagerDuty": where the rule sends. */
export function actionsSummary(actions: AlertAction[]): string {
  return actions
    .map((action) => {
      const where = actionWhere(action);
      const name =
        action.type === "webhook" && action.format === "slack" ? "Webhook (Slack)" : CHANNEL_NAMES[action.type];
      return where ? `${name}: ${where}` : name;
    })
    .join(" · ");
}

/** True while the rule is snoozed (the API keeps a past snooze time until it is cleared). */
export function isSnoozed(snoozedUntil: string | null, now = Date.now()): boolean {
  return snoozedUntil !== null && Date.parse(snoozedUntil) > now;
}
