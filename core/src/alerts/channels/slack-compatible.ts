import type { Notification } from "../notification";
import { escapeSlackCompatibleMarkdown as esc } from "./escape";
import { countWords, messageFacts } from "./message-facts";

const COLORS: Record<string, string> = {
  fatal: "#7a0000",
  error: "#d0342c",
  warning: "#e8a33d",
  info: "#2f80ed",
  debug: "#888888",
};

/**
 * Mattermost and Rocket.Chat incoming webhooks: both take Slack's older `text` + `attachments`
 * body (not Block Kit). Their markdown is escaped; the issue link is the attachment's title_link.
 */
export function renderSlackCompatible(notification: Notification): Record<string, unknown> {
  const facts = messageFacts(notification);
  return {
    text: esc(facts.headline),
    attachments: facts.issues.map((issue) => ({
      fallback: esc(issue.title),
      color: COLORS[issue.level] ?? COLORS.error,
      title: esc(issue.title),
      title_link: issue.link,
      text: `${esc(issue.culprit)}\n${countWords(issue)}`,
      fields: [
        { title: "Project", value: esc(facts.project), short: true },
        ...(facts.environment ? [{ title: "Environment", value: esc(facts.environment), short: true }] : []),
        ...(facts.release ? [{ title: "Release", value: esc(facts.release), short: true }] : []),
      ],
      footer: esc(`${facts.rule} · ${facts.triggers}`),
    })),
  };
}
