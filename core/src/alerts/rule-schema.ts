import { z } from "zod";
import { LEVELS } from "../event/types";
import { chatWebhookActionSchemas, vendorActionSchemas } from "./channels/channel-actions";
import { intervalMs } from "./interval";

const interval = z
  .string()
  .refine((value) => intervalMs(value) !== undefined, 'must be a window like "5m", "1h" or "1d" (at most 30d)');
const count = z.number().int().min(1).max(1_000_000);

export const alertTriggerSchema = z.discriminatedUnion("type", [
  /** The issue was created by this event. */
  z.object({ type: z.literal("first_seen") }),
  /** A resolved issue received an event and was reopened. */
  z.object({ type: z.literal("regression") }),
  /** At least `value` events of the issue within `interval`. */
  z.object({ type: z.literal("event_frequency"), value: count, interval }),
  /** At least `value` distinct users of the issue seen within `interval`. */
  z.object({ type: z.literal("unique_users"), value: count, interval }),
]);

export const LEVEL_MATCHES = ["eq", "ne", "gte", "lte"] as const;
export const TAG_MATCHES = ["eq", "ne", "contains", "starts_with", "ends_with", "is_set", "not_set"] as const;

const tagFilter = z
  .object({
    type: z.literal("tag"),
    key: z.string().min(1).max(200),
    match: z.enum(TAG_MATCHES),
    value: z.string().max(200).optional(),
  })
  .refine((filter) => filter.match === "is_set" || filter.match === "not_set" || filter.value !== undefined, {
    message: "is required for this match",
    path: ["value"],
  });

export const alertFilterSchema = z.union([
  z.object({ type: z.literal("level"), match: z.enum(LEVEL_MATCHES).default("gte"), level: z.enum(LEVELS) }),
  z.object({
    type: z.literal("environment"),
    match: z.enum(["eq", "ne"]).default("eq"),
    value: z.string().min(1).max(200),
  }),
  tagFilter,
  /** `value` is a version, or "latest": the project's most recently first-seen release. */
  z.object({
    type: z.literal("release"),
    match: z.enum(["eq", "ne"]).default("eq"),
    value: z.string().min(1).max(200),
  }),
]);

/** E.164: "+", country code, subscriber number; 8 to 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{7,14}$/;

export const alertActionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("email"), targets: z.array(z.email("must be an email address")).min(1).max(50) }),
  z.object({
    type: z.literal("sms"),
    targets: z
      .array(z.string().regex(E164_PATTERN, "must be a phone number in E.164 form, like +15551234567"))
      .min(1)
      .max(20),
  }),
  z.object({
    type: z.literal("webhook"),
    url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000),
    secret: z.string().min(8, "must be at least 8 characters").max(200),
    format: z.enum(["json", "slack"]).default("json"),
  }),
  ...chatWebhookActionSchemas,
  ...vendorActionSchemas,
]);

export const alertRuleSchema = z.object({
  name: z.string().trim().min(1).max(200),
  enabled: z.boolean().default(true),
  triggerMatch: z.enum(["any", "all"]).default("any"),
  triggers: z.array(alertTriggerSchema).min(1, "needs at least one trigger").max(10),
  filters: z.array(alertFilterSchema).max(20).default([]),
  actions: z.array(alertActionSchema).min(1, "needs at least one action").max(10),
  /** A rule notifies about one issue at most once per this many minutes. */
  actionIntervalMinutes: z
    .number()
    .int()
    .min(1)
    .max(30 * 24 * 60)
    .default(60),
  /** > 0: collect everything the rule would send in this many minutes into one message per recipient. */
  digestMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(0),
  /** Quiet until this time (ISO 8601); null means not snoozed. */
  snoozedUntil: z.iso
    .datetime({ offset: true, error: "must be an ISO 8601 date-time or null" })
    .nullable()
    .default(null),
});

export type AlertTrigger = z.infer<typeof alertTriggerSchema>;
export type AlertFilter = z.infer<typeof alertFilterSchema>;
export type AlertAction = z.infer<typeof alertActionSchema>;
export type AlertRule = z.infer<typeof alertRuleSchema>;
