import type { Notification } from "../notification";
import { truncate } from "../render/headline";
import { escapeDiscord as esc } from "./escape";
import { countWords, messageFacts } from "./message-facts";

const COLORS: Record<string, number> = {
  fatal: 0x7a0000,
  error: 0xd0342c,
  warning: 0xe8a33d,
  info: 0x2f80ed,
  debug: 0x888888,
};

/**
 * Discord's execute-webhook body: one embed per issue (title linked to the issue). Mentions are
 * off whatever the text says (`allowed_mentions.parse` empty) and the text is markdown-escaped.
 * Embed limits: title 256, description 4096, field value 1024, 10 embeds.
 */
export function renderDiscord(notification: Notification): Record<string, unknown> {
  const facts = messageFacts(notification);
  return {
    username: "Faultline",
    content: truncate(esc(facts.headline), 2000),
    allowed_mentions: { parse: [] },
    embeds: facts.issues.map((issue) => ({
      title: truncate(esc(issue.title), 256),
      url: issue.link,
      description: truncate(`${esc(issue.culprit)}\n${countWords(issue)}`, 4096),
      color: COLORS[issue.level] ?? COLORS.error,
      fields: [
        { name: "Project", value: truncate(esc(facts.project), 1024), inline: true },
        ...(facts.environment
          ? [{ name: "Environment", value: truncate(esc(facts.environment), 1024), inline: true }]
          : []),
        ...(facts.release ? [{ name: "Release", value: truncate(esc(facts.release), 1024), inline: true }] : []),
      ],
      footer: { text: truncate(`${facts.rule} · ${facts.triggers}`, 2048) },
    })),
  };
}
