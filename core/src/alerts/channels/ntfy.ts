import type { Notification } from "../notification";
import { truncate } from "../render/headline";
import { countWords, messageFacts } from "./message-facts";

const PRIORITIES: Record<string, number> = { fatal: 5, error: 4, warning: 3, info: 2, debug: 1 };

/**
 * ntfy's JSON publish body (POST to the server's root URL). Markdown is off (the default), so
 * text shows as written; the click action opens the issue.
 */
export function renderNtfy(notification: Notification, topic: string) {
  const facts = messageFacts(notification);
  const first = facts.issues[0];
  const lines = facts.issues.flatMap((issue) => [issue.title, issue.culprit, countWords(issue)]);
  if (facts.moreIssues > 0) lines.push(`and ${facts.moreIssues} more`);
  lines.push(`Project: ${facts.project}${facts.environment ? ` · ${facts.environment}` : ""}`);
  return {
    topic,
    title: truncate(facts.headline, 250),
    message: truncate(lines.join("\n"), 4096),
    priority: PRIORITIES[first?.level ?? "error"] ?? 4,
    tags: ["rotating_light", "faultline"],
    ...(first ? { click: first.link } : {}),
  };
}
