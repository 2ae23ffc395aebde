import { z } from "zod";

/** What the API shows in place of a stored secret; an update that sends it back keeps the stored one. */
export const MASKED_SECRET = "********";

/** Chat tools whose incoming-webhook URL is the whole address (the URL itself is the credential). */
export const CHAT_WEBHOOK_CHANNELS = ["slack", "discord", "teams", "mattermost", "rocketchat", "googlechat"] as const;

/** Vendors reached at their public API (or *_API_BASE_URL), with a token of the rule's. */
export const VENDOR_API_CHANNELS = ["telegram", "pagerduty", "opsgenie", "ntfy"] as const;

/** Channels that close what they opened when the issue is resolved. */
export const RESOLVING_CHANNELS = ["pagerduty", "opsgenie"] as const;

export const DELIVERY_CHANNELS = ["email", "sms", "webhook", ...CHAT_WEBHOOK_CHANNELS, ...VENDOR_API_CHANNELS] as const;

export type ChatWebhookChannel = (typeof CHAT_WEBHOOK_CHANNELS)[number];
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

const webhookUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000);

/** A secret field: the value itself, or the mask sent back unchanged by an edit. */
const secret = (pattern: RegExp, message: string) =>
  z.string().refine((value) => value === MASKED_SECRET || pattern.test(value), message);

const chatWebhook = <T extends ChatWebhookChannel>(type: T) => z.object({ type: z.literal(type), url: webhookUrl });

export const chatWebhookActionSchemas = [
  chatWebhook("slack"),
  chatWebhook("discord"),
  chatWebhook("teams"),
  chatWebhook("mattermost"),
  chatWebhook("rocketchat"),
  chatWebhook("googlechat"),
] as const;

export const telegramActionSchema = z.object({
  type: z.literal("telegram"),
  /** A bot token from @BotFather: "<bot id>:<secret>". */
  botToken: secret(/^\d{3,20}:[A-Za-z0-9_-]{20,100}$/, 'must be a bot token like "123456:ABC-DEF..."'),
  /** A numeric chat id (groups and channels are negative) or a public channel's @username. */
  chatId: z
    .string()
    .regex(/^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$/, "must be a numeric chat id or a channel's @username"),
});

export const pagerDutyActionSchema = z.object({
  type: z.literal("pagerduty"),
  /** The Events API v2 integration key of a service. */
  routingKey: secret(/^[A-Za-z0-9]{20,64}$/, "must be an Events API v2 integration key (32 letters and digits)"),
});

export const OPSGENIE_PRIORITIES = ["P1", "P2", "P3", "P4", "P5"] as const;

export const opsgenieActionSchema = z.object({
  type: z.literal("opsgenie"),
  /** An API integration's key. */
  apiKey: secret(/^[A-Za-z0-9-]{8,200}$/, "must be an Opsgenie API integration key"),
  priority: z.enum(OPSGENIE_PRIORITIES).default("P3"),
});

export const ntfyActionSchema = z.object({
  type: z.literal("ntfy"),
  /** ntfy topics are public to whoever knows the name: pick an unguessable one or use a token. */
  topic: z.string().regex(/^[-_A-Za-z0-9]{1,64}$/, "must be 1 to 64 letters, digits, - or _"),
  /** An access token for a protected topic (optional). */
  token: secret(/^[!-~]{8,200}$/, "must be 8 to 200 printable characters").optional(),
});

export const vendorActionSchemas = [
  telegramActionSchema,
  pagerDutyActionSchema,
  opsgenieActionSchema,
  ntfyActionSchema,
] as const;
