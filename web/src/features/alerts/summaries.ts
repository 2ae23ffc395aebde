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

/** "Email: oncall@example.com · Webhook: hooks.example.com": where the rule sends. */
export function actionsSummary(actions: AlertAction[]): string {
  return actions
    .map((action) =>
      action.type === "webhook"
        ? `Webhook${action.format === "slack" ? " (Slack)" : ""}: ${hostOf(action.url)}`
        : `${action.type === "email" ? "Email" : "SMS"}: ${action.targets.join(", ")}`,
    )
    .join(" · ");
}

/** True while the rule is snoozed (the API keeps a past snooze time until it is cleared). */
export function isSnoozed(snoozedUntil: string | null, now = Date.now()): boolean {
  return snoozedUntil !== null && Date.parse(snoozedUntil) > now;
}
