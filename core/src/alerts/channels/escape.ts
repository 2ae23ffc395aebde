/**
 * Escaping of event-derived text (titles, culprits, environments, release names: anything an
 * SDK sends) for each chat format, so that text shows as written and never becomes a mention,
 * a link or markup. Pure and linear-time.
 */

/** U+2060 WORD JOINER: invisible, and breaks "@here", "@channel", "@everyone", "@user" into plain text. */
const WORD_JOINER = "\u2060";

/**
 * "@" at the start of a word, followed by a word character, starts a mention in Slack, Discord,
 * Mattermost, Telegram...: break it. Inside a word ("shop@3.1.0", "a@b.example") it is no mention.
 */
export function breakMentions(text: string): string {
  return text.replace(/(?<![\p{L}\p{N}_.\-+])@(?=[\p{L}\p{N}_])/gu, `@${WORD_JOINER}`);
}

/**
 * Slack mrkdwn: `&`, `<` and `>` are its only control characters (Slack's "Escaping text");
 * escaped, `<!channel>` and `<https://x|y>` show as text. Words like @here are broken too,
 * since a webhook with link_names (or an app that adds it) would turn them into mentions.
 */
export function escapeSlack(text: string): string {
  return breakMentions(text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
}

/** Slack's plain_text objects: Slack decodes the same three entities there, so the same escaping. */
export function plainSlack(text: string): string {
  return escapeSlack(text);
}

/**
 * Discord markdown: its escape rule takes a backslash before any punctuation, so every character
 * that can start markup (emphasis, code, spoilers, headings, quotes, masked links `[x](y)`,
 * angle forms like `<@id>`, `<#channel>` and `<https://...>`) is escaped; mention words are
 * broken as well (allowed_mentions already keeps them from pinging).
 */
export function escapeDiscord(text: string): string {
  return breakMentions(text.replace(/[\\`*_~|{}[\]()#+\-.!<>:]/g, (ch) => `\\${ch}`));
}

/**
 * Mattermost and Rocket.Chat markdown: a backslash before the characters their markdown lets
 * one escape; `<` and `>` cannot be escaped there and their Slack compatibility turns
 * `<!channel>` and `<url|text>` into a mention and a link, so they become the look-alikes ‹ ›.
 */
export function escapeSlackCompatibleMarkdown(text: string): string {
  return breakMentions(
    text
      .replace(/[\\`*_~|{}[\]()#+\-.!]/g, (ch) => `\\${ch}`)
      .replace(/</g, "\u2039")
      .replace(/>/g, "\u203a"),
  );
}

/** HTML text for Telegram's HTML parse mode and Google Chat's card text (`&`, `<`, `>`, quotes). */
export function escapeChatHtml(text: string): string {
  return breakMentions(text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"));
}

/** Control characters (other than line breaks and tabs) removed: they mean nothing in a message. */
export function stripControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");
}
