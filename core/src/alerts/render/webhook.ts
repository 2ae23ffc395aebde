import { escapeSlack } from "../channels/escape";
import type { Notification } from "../notification";
import { headline, triggerWords } from "./headline";

/** Faultline's webhook body (docs/alerts.md): the notification, plus `issue` for the common case. */
export function renderWebhookJson(notification: Notification): Record<string, unknown> {
  return {
    version: 1,
    kind: notification.kind,
    project: notification.project,
    rule: notification.rule,
    triggers: notification.triggers,
    issue: notification.kind === "digest" ? null : (notification.issues[0] ?? null),
    issues: notification.issues,
    totalIssues: notification.totalIssues,
    event: notification.event,
    digestMinutes: notification.digestMinutes,
    createdAt: notification.createdAt,
  };
}

const COLORS: Record<string, string> = {
  fatal: "#7a0000",
  error: "#d0342c",
  warning: "#e8a33d",
  info: "#2f80ed",
  debug: "#888888",
};

/**
 * A Slack / Mattermost incoming-webhook body: a text line and one attachment per issue. Event
 * text is escaped (`&`, `<`, `>` as entities, mention words broken), so a title never mentions
 * or links; the issue link is the attachment's title_link.
 */
export function renderSlack(notification: Notification): Record<string, unknown> {
  const esc = escapeSlack;
  return {
    text: esc(headline(notification)),
    attachments: notification.issues.slice(0, 10).map((issue) => ({
      fallback: esc(`${issue.title} ${issue.permalink}`),
      color: COLORS[issue.level] ?? COLORS.error,
      title: esc(issue.title),
      title_link: issue.permalink,
      text: esc(issue.culprit),
      fields: [
        { title: "Events", value: String(issue.count), short: true },
        { title: "Users", value: String(issue.userCount), short: true },
        ...(notification.event?.environment
          ? [{ title: "Environment", value: esc(notification.event.environment), short: true }]
          : []),
        ...(notification.event?.release
          ? [{ title: "Release", value: esc(notification.event.release), short: true }]
          : []),
      ],
      footer: esc(`${notification.project.name} · ${notification.rule.name} · ${triggerWords(notification)}`),
    })),
  };
}
