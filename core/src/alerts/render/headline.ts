import type { Notification } from "../notification";

const TRIGGER_WORDS: Record<string, string> = {
  first_seen: "New issue",
  regression: "Regression",
  event_frequency: "Frequent",
  unique_users: "Many users",
};

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

export function windowWords(minutes: number): string {
  if (minutes % 60 === 0) return minutes === 60 ? "hour" : `${minutes / 60} hours`;
  return minutes === 1 ? "minute" : `${minutes} minutes`;
}

/** "New issue", "Regression", ... — what made the rule fire, in words. */
export function triggerWords(notification: Notification): string {
  const words = notification.triggers.map((type) => TRIGGER_WORDS[type] ?? type);
  return words.length > 0 ? [...new Set(words)].join(", ") : "Alert";
}

/**
 * One line that says what happened, used as the email subject and the chat message title:
 * "[acme/checkout-api] New issue · ERROR · TypeError: card declined". Scannable in an inbox.
 */
export function headline(notification: Notification): string {
  const where = `[${notification.project.organization}/${notification.project.slug}]`;
  const test = notification.kind === "test" ? "[Test] " : "";
  if (notification.kind === "digest") {
    const n = notification.totalIssues;
    const window = windowWords(notification.digestMinutes ?? 0);
    return `${where} ${n} ${n === 1 ? "issue" : "issues"} in ${notification.project.name} in the last ${window}`;
  }
  const issue = notification.issues[0];
  if (notification.kind === "resolve") return truncate(`${where} Resolved · ${issue?.title ?? "(no issue)"}`, 160);
  const level = (issue?.level ?? notification.event?.level ?? "error").toUpperCase();
  return truncate(`${test}${where} ${triggerWords(notification)} · ${level} · ${issue?.title ?? "(no issue)"}`, 160);
}
