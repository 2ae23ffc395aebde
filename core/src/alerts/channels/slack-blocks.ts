import type { Notification } from "../notification";
import { truncate } from "../render/headline";
import { escapeSlack, plainSlack } from "./escape";
import { countWords, messageFacts } from "./message-facts";

/**
 * A Slack incoming-webhook body in Block Kit: a header, one section per issue (title linked to
 * the issue, culprit, counts), the project, environment and release as fields, and a button.
 * All event-derived text is escaped (escapeSlack) or plain_text; only the issue links are markup.
 */
export function renderSlackBlocks(notification: Notification): Record<string, unknown> {
  const facts = messageFacts(notification);
  const fields = [
    `*Project*\n${escapeSlack(facts.project)}`,
    ...(facts.environment ? [`*Environment*\n${escapeSlack(facts.environment)}`] : []),
    ...(facts.release ? [`*Release*\n${escapeSlack(facts.release)}`] : []),
    `*Rule*\n${escapeSlack(facts.rule)}`,
  ];
  const blocks: Record<string, unknown>[] = [
    { type: "header", text: { type: "plain_text", text: truncate(plainSlack(facts.headline), 150), emoji: false } },
    ...facts.issues.map((issue) => ({
      type: "section",
      text: {
        type: "mrkdwn",
        text: truncate(
          `*<${issue.link}|${escapeSlack(issue.title)}>*\n${escapeSlack(issue.culprit)}\n${countWords(issue)}`,
          3000,
        ),
      },
    })),
    { type: "section", fields: fields.map((text) => ({ type: "mrkdwn", text: truncate(text, 2000) })) },
  ];
  if (facts.moreIssues > 0)
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `and ${facts.moreIssues} more` }] });
  const first = facts.issues[0];
  if (first && notification.kind !== "digest")
    blocks.push({
      type: "actions",
      elements: [{ type: "button", text: { type: "plain_text", text: "View issue" }, url: first.link }],
    });
  return { text: truncate(escapeSlack(facts.headline), 3000), blocks };
}
