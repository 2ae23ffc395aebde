import { z } from "zod";

/**
 * Request bodies of the vendor APIs (Telegram, PagerDuty, Opsgenie, ntfy), transcribed from
 * their references, with documented limits. Strict objects: an unknown field is an error.
 */

/** https://core.telegram.org/bots/api#sendmessage */
export const telegramSendMessageSchema = z.strictObject({
  chat_id: z.union([z.number().int(), z.string().regex(/^(-?\d+|@\w{4,32})$/)]),
  text: z.string().min(1).max(4096),
  parse_mode: z.enum(["HTML", "MarkdownV2", "Markdown"]).optional(),
  link_preview_options: z
    .strictObject({
      is_disabled: z.boolean().optional(),
      url: z.string().optional(),
      prefer_small_media: z.boolean().optional(),
      prefer_large_media: z.boolean().optional(),
      show_above_text: z.boolean().optional(),
    })
    .optional(),
  disable_notification: z.boolean().optional(),
  protect_content: z.boolean().optional(),
  message_thread_id: z.number().int().optional(),
});

/**
 * Telegram's HTML parse mode (https://core.telegram.org/bots/api#html-style): only these tags,
 * and every `<`, `>` and `&` not part of a tag or an entity must be escaped. Returns the first
 * problem (Telegram answers 400 "can't parse entities"), or null.
 */
export function telegramHtmlProblem(text: string): string | null {
  const tag = /<(\/?)([a-z-]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*>/gy;
  const allowed = new Set([
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "code",
    "pre",
    "a",
    "tg-spoiler",
    "blockquote",
    "span",
  ]);
  const open: string[] = [];
  for (let i = 0; i < text.length;) {
    const ch = text[i];
    if (ch === "<") {
      tag.lastIndex = i;
      const match = tag.exec(text);
      if (!match) return `unsupported start tag at byte offset ${i}`;
      const [whole, closing, name = ""] = match;
      if (!allowed.has(name)) return `unsupported tag "${name}"`;
      if (closing) {
        if (open.pop() !== name) return `unexpected end tag "${name}"`;
      } else open.push(name);
      i += whole.length;
    } else if (ch === ">") return `unescaped ">" at ${i}`;
    else if (ch === "&") {
      const entity = /&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);/y;
      entity.lastIndex = i;
      const match = entity.exec(text);
      if (!match) return `unescaped "&" at ${i}`;
      i += match[0].length;
    } else i += 1;
  }
  return open.length === 0 ? null : `unclosed tag "${open[open.length - 1]}"`;
}

/** https://developer.pagerduty.com/api-reference/368ae3d938c9e-send-an-event-to-pager-duty */
export const pagerDutyEventSchema = z.discriminatedUnion("event_action", [
  z.strictObject({
    routing_key: z.string().length(32),
    event_action: z.literal("trigger"),
    dedup_key: z.string().min(1).max(255).optional(),
    payload: z.strictObject({
      summary: z.string().min(1).max(1024),
      source: z.string().min(1).max(255),
      severity: z.enum(["critical", "error", "warning", "info"]),
      timestamp: z.iso.datetime({ offset: true }).optional(),
      component: z.string().optional(),
      group: z.string().optional(),
      class: z.string().optional(),
      custom_details: z.record(z.string(), z.unknown()).optional(),
    }),
    images: z.array(z.strictObject({ src: z.url(), href: z.url().optional(), alt: z.string().optional() })).optional(),
    links: z.array(z.strictObject({ href: z.url(), text: z.string().optional() })).optional(),
    client: z.string().optional(),
    client_url: z.url().optional(),
  }),
  z.strictObject({
    routing_key: z.string().length(32),
    event_action: z.enum(["acknowledge", "resolve"]),
    dedup_key: z.string().min(1).max(255),
  }),
]);

/** https://docs.opsgenie.com/docs/alert-api#create-alert */
export const opsgenieCreateAlertSchema = z
  .strictObject({
    message: z.string().min(1).max(130),
    alias: z.string().max(512).optional(),
    description: z.string().max(15000).optional(),
    responders: z.array(z.record(z.string(), z.string())).max(50).optional(),
    visibleTo: z.array(z.record(z.string(), z.string())).max(50).optional(),
    actions: z.array(z.string().max(50)).max(10).optional(),
    tags: z.array(z.string().max(50)).max(20).optional(),
    details: z.record(z.string(), z.string()).optional(),
    entity: z.string().max(512).optional(),
    source: z.string().max(100).optional(),
    priority: z.enum(["P1", "P2", "P3", "P4", "P5"]).optional(),
    user: z.string().max(100).optional(),
    note: z.string().max(25000).optional(),
  })
  .refine(
    (body) =>
      Object.entries(body.details ?? {}).reduce((sum, [key, value]) => sum + key.length + value.length, 0) <= 8000,
    "details are at most 8000 characters",
  );

/** https://docs.opsgenie.com/docs/alert-api#close-alert */
export const opsgenieCloseAlertSchema = z.strictObject({
  user: z.string().max(100).optional(),
  source: z.string().max(100).optional(),
  note: z.string().max(25000).optional(),
});

/** https://docs.ntfy.sh/publish/#publish-as-json */
export const ntfyPublishSchema = z.strictObject({
  topic: z.string().regex(/^[-_A-Za-z0-9]{1,64}$/),
  message: z.string().max(4096).optional(),
  title: z.string().optional(),
  tags: z.array(z.string()).optional(),
  priority: z.number().int().min(1).max(5).optional(),
  actions: z.array(z.record(z.string(), z.unknown())).max(3).optional(),
  click: z.url().optional(),
  attach: z.url().optional(),
  markdown: z.boolean().optional(),
  icon: z.url().optional(),
  filename: z.string().optional(),
  delay: z.string().optional(),
  email: z.string().optional(),
});
