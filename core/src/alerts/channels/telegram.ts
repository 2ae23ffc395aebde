import type { Notification } from "../notification";
import { truncate } from "../render/headline";
import { escapeChatHtml } from "./escape";
import { countWords, messageFacts } from "./message-facts";

/**
 * The Bot API sendMessage body (without chat_id) in HTML parse mode: every event-derived piece
 * is HTML-escaped and its mentions broken, so the only tags are ours (<b>, <code>, <a> to the
 * issue). Link previews are off. Text is at most 4096 characters.
 */
export function renderTelegram(notification: Notification): {
  text: string;
  parse_mode: "HTML";
  link_preview_options: { is_disabled: true };
} {
  const facts = messageFacts(notification);
  const lines = [`<b>${escapeChatHtml(facts.headline)}</b>`, ""];
  for (const issue of facts.issues) {
    lines.push(`<a href="${escapeChatHtml(issue.link)}">${escapeChatHtml(truncate(issue.title, 200))}</a>`);
    lines.push(`<code>${escapeChatHtml(truncate(issue.culprit, 200))}</code>`);
    lines.push(countWords(issue), "");
  }
  if (facts.moreIssues > 0) lines.push(`and ${facts.moreIssues} more`, "");
  lines.push(`Project: ${escapeChatHtml(facts.project)}`);
  if (facts.environment) lines.push(`Environment: ${escapeChatHtml(facts.environment)}`);
  if (facts.release) lines.push(`Release: ${escapeChatHtml(facts.release)}`);
  lines.push(`Rule: ${escapeChatHtml(facts.rule)}`);
  // Cut whole lines, never inside a tag or an entity.
  let text = "";
  for (const line of lines) {
    if (text.length + line.length + 1 > 4096) break;
    text += `${line}\n`;
  }
  return { text: text.trimEnd(), parse_mode: "HTML", link_preview_options: { is_disabled: true } };
}
