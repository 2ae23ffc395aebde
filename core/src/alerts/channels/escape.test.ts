import fc from "fast-check";
import { telegramHtmlProblem } from "../../../../test/support/vendors/api-schemas";
import { buildNotification } from "../build-notification";
import type { Notification } from "../notification";
import { renderDiscord } from "./discord";
import { escapeDiscord, escapeSlack, escapeSlackCompatibleMarkdown } from "./escape";
import { renderGoogleChat } from "./google-chat";
import { renderSlackBlocks } from "./slack-blocks";
import { renderSlackCompatible } from "./slack-compatible";
import { renderTeams } from "./teams";
import { renderTelegram } from "./telegram";

const LINK = "https://faultline.example.com/organizations/acme/issues/7/";

/** Pieces of markup of every format, so generated titles hit them far more often than chance would. */
const HOSTILE_PIECES = [
  "<",
  ">",
  "&",
  "|",
  "!",
  "@",
  "#",
  "[",
  "]",
  "(",
  ")",
  "*",
  "_",
  "~",
  "`",
  "\\",
  ":",
  '"',
  "-",
  ".",
  " ",
  "\n",
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "@here",
  "@channel",
  "@everyone",
  "@all",
  "<@U123>",
  "<#C1>",
  "<@&9>",
  "<https://phish.example|Reset password>",
  "https://evil.example",
  "[click](https://evil.example)",
  "<b>",
  "</b>",
  '<a href="https://evil.example">',
  "</a>",
  "&amp;",
  "&lt;",
  "&#60;",
  "<users/all>",
  "<at>x</at>",
  "\u2060",
  "\u200b",
  "é",
  "日本",
  "🙂",
];
const hostileText = fc.oneof(
  fc.array(fc.constantFrom(...HOSTILE_PIECES), { maxLength: 60 }).map((pieces) => pieces.join("")),
  fc.string({ unit: "binary", maxLength: 300 }),
);

function notificationWith(title: string, culprit: string, environment: string, release: string): Notification {
  const notification = buildNotification({
    kind: "alert",
    project: { id: 1, slug: "shop", name: "Shop", organization: "acme" },
    rule: { id: 1, name: "On-call" },
    triggers: ["first_seen"],
    issues: [
      {
        id: 7n,
        title,
        culprit,
        level: "error",
        status: "unresolved",
        timesSeen: 3,
        userCount: 2,
        firstSeen: new Date(0),
        lastSeen: new Date(0),
      },
    ],
    event: { eventId: "e", timestamp: "t", level: "error", environment, release, frames: [] },
    digestMinutes: null,
    publicUrl: "https://faultline.example.com",
    now: new Date(0),
  });
  return notification;
}

const notifications = fc
  .tuple(hostileText, hostileText, hostileText, hostileText)
  .map(([title, culprit, environment, release]) => notificationWith(title, culprit, environment, release));

/** Every string in a JSON value, with the key it sits under. */
function strings(value: unknown, key = ""): { key: string; text: string }[] {
  if (typeof value === "string") return [{ key, text: value }];
  if (Array.isArray(value)) return value.flatMap((item) => strings(item, key));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([child, item]) => strings(item, child));
  return [];
}

/** A mention word at the start of a word (Slack, Discord, Mattermost, Telegram all read these). */
const MENTION_WORD = /(?<![\p{L}\p{N}_.\-+])@[\p{L}\p{N}_]/u;

it("Slack: the only <...> forms are the issue links, and no mention words are left", () => {
  fc.assert(
    fc.property(notifications, (notification) => {
      for (const { key, text } of strings(renderSlackBlocks(notification))) {
        if (key === "url") {
          expect(text).toBe(LINK);
          continue;
        }
        const forms = text.match(/<[^>]*>?/g) ?? [];
        for (const form of forms) expect(form.startsWith(`<${LINK}|`) && form.endsWith(">")).toBe(true);
        expect(text).not.toMatch(MENTION_WORD);
      }
    }),
    { numRuns: 300 },
  );
});

/** Discord: every character that can start markup has a backslash before it. */
function unescapedDiscordMarkup(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === "\\") {
      i += 1;
      continue;
    }
    if ("[]()<>`*_~|#:".includes(ch)) return ch;
  }
  return null;
}

it("Discord: mentions are off, markup characters in event text are escaped, links are only the issue's", () => {
  fc.assert(
    fc.property(notifications, (notification) => {
      const body = renderDiscord(notification) as { allowed_mentions: unknown };
      expect(body.allowed_mentions).toEqual({ parse: [] });
      for (const { key, text } of strings(body)) {
        if (key === "url") expect(text).toBe(LINK);
        else if (key === "content" || key === "title" || key === "value") {
          expect(unescapedDiscordMarkup(text)).toBeNull();
          expect(text).not.toMatch(MENTION_WORD);
        }
      }
    }),
    { numRuns: 300 },
  );
});

it("Teams: event text only in plain TextRuns, no mention entities, links only the issue's", () => {
  fc.assert(
    fc.property(notifications, (notification) => {
      const body = renderTeams(notification) as {
        attachments: { content: { body: { type: string }[]; actions: { url: string }[]; msteams?: unknown } }[];
      };
      const card = body.attachments[0]?.content;
      expect(card?.msteams).toBeUndefined();
      expect(card?.body.every((element) => element.type === "RichTextBlock")).toBe(true);
      expect(card?.actions.map((action) => action.url)).toEqual([LINK]);
      for (const { key, text } of strings(card?.body)) if (key === "text") expect(text).not.toMatch(MENTION_WORD);
    }),
    { numRuns: 300 },
  );
});

it("Telegram: valid HTML whose only tags are ours and whose only link is the issue", () => {
  fc.assert(
    fc.property(notifications, (notification) => {
      const { text } = renderTelegram(notification);
      expect(telegramHtmlProblem(text)).toBeNull();
      const tags = text.match(/<[^>]*>/g) ?? [];
      for (const tag of tags) expect(["<b>", "</b>", "<code>", "</code>", `<a href="${LINK}">`, "</a>"]).toContain(tag);
      expect(text).not.toMatch(MENTION_WORD);
    }),
    { numRuns: 300 },
  );
});

it("Google Chat: card text is HTML-escaped and links are only the issue's; Mattermost text has no <...> forms", () => {
  fc.assert(
    fc.property(notifications, (notification) => {
      for (const { key, text } of strings(renderGoogleChat(notification))) {
        if (key === "url") expect(text).toBe(LINK);
        else expect(text).not.toMatch(/[<>]/);
      }
      for (const { key, text } of strings(renderSlackCompatible(notification))) {
        if (key === "title_link") expect(text).toBe(LINK);
        else if (key !== "color") {
          expect(text).not.toMatch(/[<>]/);
          expect(text).not.toMatch(MENTION_WORD);
        }
      }
    }),
    { numRuns: 300 },
  );
});

it.each([
  ["<!channel> hi", "&lt;!channel&gt; hi"],
  ["<https://phish|x> & co", "&lt;https://phish|x&gt; &amp; co"],
  ["@here now", "@\u2060here now"],
  ["ping a@b.example, shop@3.1.0", "ping a@b.example, shop@3.1.0"],
])("escapeSlack(%j)", (input, expected) => {
  expect(escapeSlack(input)).toBe(expected);
});

it.each([
  ["[click](https://x)", "\\[click\\]\\(https\\:\\/\\/x\\)"],
  ["<@123> @everyone", "\\<@\u2060123\\> @\u2060everyone"],
])("escapeDiscord(%j)", (input, expected) => {
  // "/" needs no escape, but the test states what a reader sees: the backslashes before markup.
  expect(escapeDiscord(input).replace(/\\\//g, "/")).toBe(expected.replace(/\\\//g, "/"));
});

it("escapeSlackCompatibleMarkdown turns angle brackets into look-alikes and escapes markdown", () => {
  expect(escapeSlackCompatibleMarkdown("<!channel> *x*")).toBe("\u2039\\!channel\u203a \\*x\\*");
});
