import type { AlertAction, AlertFilter, AlertRule, AlertTrigger } from "@faultline/contracts";
import type { AlertRuleDetail } from "../../../api/types";

/**
 * What the rule editor holds while a person types: every input as the text it shows, so a
 * half-typed number is not lost. `buildRuleBody` turns it into the API's rule.
 */
export interface TriggerDraft {
  type: AlertTrigger["type"];
  value: string;
  interval: string;
}

export interface FilterDraft {
  type: AlertFilter["type"];
  match: string;
  level: string;
  key: string;
  value: string;
}

export interface ActionDraft {
  type: AlertAction["type"];
  /** Email addresses or phone numbers, separated by commas or new lines. */
  targets: string;
  url: string;
  /** Empty keeps the stored secret, as long as the URL is the one it was stored for. */
  secret: string;
  format: "json" | "slack";
  /** Telegram: the chat id or @channel. */
  chatId: string;
  /** ntfy: the topic. */
  topic: string;
  /** Opsgenie: P1 to P5. */
  priority: string;
  /**
   * What a stored secret belongs to (editing an existing action): the webhook URL, the Telegram
   * chat, the ntfy topic, "" for PagerDuty / Opsgenie; null when nothing is stored.
   */
  storedSecretUrl: string | null;
}

/** Chat tools reached at a webhook URL the person pastes. */
export const CHAT_URL_TYPES = ["slack", "discord", "teams", "mattermost", "rocketchat", "googlechat"] as const;
type ChatUrlType = (typeof CHAT_URL_TYPES)[number];
export const isChatUrlType = (type: string): type is ChatUrlType =>
  (CHAT_URL_TYPES as readonly string[]).includes(type);

/** Where a stored secret belongs: the secret is kept when the action still points there. */
export function secretOwner(action: ActionDraft): string {
  if (action.type === "webhook") return action.url.trim();
  if (action.type === "telegram") return action.chatId.trim();
  if (action.type === "ntfy") return action.topic.trim();
  return "";
}

export function keepsStoredSecret(action: ActionDraft): boolean {
  return action.storedSecretUrl !== null && action.storedSecretUrl === secretOwner(action);
}

export interface RuleDraft {
  name: string;
  enabled: boolean;
  triggerMatch: AlertRule["triggerMatch"];
  triggers: TriggerDraft[];
  filters: FilterDraft[];
  actions: ActionDraft[];
  actionIntervalMinutes: string;
  digestMinutes: string;
  /** A datetime-local value (the browser's time zone), or "" for not snoozed. */
  snoozedUntil: string;
}

/** What the API shows instead of a webhook secret, and accepts back as "keep the stored one". */
export const MASKED_SECRET = "********";

type Level = Extract<AlertFilter, { type: "level" }>["level"];
export const LEVELS = ["debug", "info", "warning", "error", "fatal"] as const satisfies readonly Level[];
type LevelMatch = Extract<AlertFilter, { type: "level" }>["match"];
export const LEVEL_MATCHES = ["gte", "lte", "eq", "ne"] as const satisfies readonly LevelMatch[];
type TagMatch = Extract<AlertFilter, { type: "tag" }>["match"];
export const TAG_MATCHES = [
  "eq",
  "ne",
  "contains",
  "starts_with",
  "ends_with",
  "is_set",
  "not_set",
] as const satisfies readonly TagMatch[];
export const EQUALITY_MATCHES = ["eq", "ne"] as const;
/** Tag matches that look at the key alone. */
export const KEY_ONLY_MATCHES: readonly string[] = ["is_set", "not_set"];

export function newTrigger(type: TriggerDraft["type"]): TriggerDraft {
  return { type, value: type === "unique_users" ? "10" : "100", interval: "1h" };
}

export function newFilter(type: FilterDraft["type"]): FilterDraft {
  return { type, match: type === "level" ? "gte" : "eq", level: "error", key: "", value: "" };
}

export function newAction(type: ActionDraft["type"]): ActionDraft {
  return {
    type,
    targets: "",
    url: "",
    secret: "",
    format: "json",
    chatId: "",
    topic: "",
    priority: "P3",
    storedSecretUrl: null,
  };
}

export function emptyDraft(): RuleDraft {
  return {
    name: "",
    enabled: true,
    triggerMatch: "any",
    triggers: [newTrigger("first_seen")],
    filters: [],
    actions: [newAction("email")],
    actionIntervalMinutes: "60",
    digestMinutes: "0",
    snoozedUntil: "",
  };
}

export function draftFromRule(rule: AlertRuleDetail): RuleDraft {
  return {
    name: rule.name,
    enabled: rule.enabled,
    triggerMatch: rule.triggerMatch,
    triggers: rule.triggers.map((trigger) => ({
      ...newTrigger(trigger.type),
      ...("value" in trigger ? { value: String(trigger.value), interval: trigger.interval } : {}),
    })),
    filters: rule.filters.map((filter) => ({
      ...newFilter(filter.type),
      match: filter.match,
      ...(filter.type === "level" ? { level: filter.level } : {}),
      ...(filter.type === "tag" ? { key: filter.key, value: filter.value ?? "" } : {}),
      ...(filter.type === "environment" || filter.type === "release" ? { value: filter.value } : {}),
    })),
    actions: rule.actions.map(draftAction),
    actionIntervalMinutes: String(rule.actionIntervalMinutes),
    digestMinutes: String(rule.digestMinutes),
    snoozedUntil: rule.snoozedUntil ? toLocalInput(rule.snoozedUntil) : "",
  };
}

function draftAction(action: AlertAction): ActionDraft {
  const base = newAction(action.type);
  switch (action.type) {
    case "email":
    case "sms":
      return { ...base, targets: action.targets.join(", ") };
    case "webhook":
      return { ...base, url: action.url, format: action.format, storedSecretUrl: action.url };
    case "telegram":
      return { ...base, chatId: action.chatId, storedSecretUrl: action.chatId };
    case "pagerduty":
      return { ...base, storedSecretUrl: "" };
    case "opsgenie":
      return { ...base, priority: action.priority, storedSecretUrl: "" };
    case "ntfy":
      return { ...base, topic: action.topic, storedSecretUrl: action.token ? action.topic : null };
    default:
      return { ...base, url: action.url };
  }
}

export function splitTargets(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((target) => target.trim())
    .filter(Boolean);
}

/** ISO time → the `YYYY-MM-DDTHH:mm` a datetime-local input shows, in the browser's zone. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const toNumber = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

/**
 * The request body for POST/PUT. Numbers that do not parse go out as NaN → null in JSON, so
 * the server's message names the field if the client checks were skipped.
 */
export function buildRuleBody(draft: RuleDraft): AlertRule {
  return {
    name: draft.name.trim(),
    enabled: draft.enabled,
    triggerMatch: draft.triggerMatch,
    triggers: draft.triggers.map(buildTrigger),
    filters: draft.filters.map(buildFilter),
    actions: draft.actions.map(buildAction),
    actionIntervalMinutes: toNumber(draft.actionIntervalMinutes),
    digestMinutes: toNumber(draft.digestMinutes),
    snoozedUntil: draft.snoozedUntil ? localInputToIso(draft.snoozedUntil) : null,
  };
}

function localInputToIso(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

function buildTrigger(trigger: TriggerDraft): AlertTrigger {
  if (trigger.type === "first_seen" || trigger.type === "regression") return { type: trigger.type };
  return { type: trigger.type, value: toNumber(trigger.value), interval: trigger.interval.trim() };
}

function buildFilter(filter: FilterDraft): AlertFilter {
  switch (filter.type) {
    case "level":
      return { type: "level", match: filter.match as LevelMatch, level: filter.level as Level };
    case "tag":
      return {
        type: "tag",
        key: filter.key.trim(),
        match: filter.match as TagMatch,
        ...(KEY_ONLY_MATCHES.includes(filter.match) ? {} : { value: filter.value }),
      };
    case "environment":
    case "release":
      return { type: filter.type, match: filter.match === "ne" ? "ne" : "eq", value: filter.value.trim() };
  }
}

function buildAction(action: ActionDraft): AlertAction {
  // The mask tells the server to keep the secret it has for this action.
  const secret = keepsStoredSecret(action) && action.secret === "" ? MASKED_SECRET : action.secret.trim();
  switch (action.type) {
    case "email":
    case "sms":
      return { type: action.type, targets: splitTargets(action.targets) };
    case "webhook":
      return { type: "webhook", url: action.url.trim(), secret, format: action.format };
    case "telegram":
      return { type: "telegram", botToken: secret, chatId: action.chatId.trim() };
    case "pagerduty":
      return { type: "pagerduty", routingKey: secret };
    case "opsgenie":
      return { type: "opsgenie", apiKey: secret, priority: action.priority as "P1" | "P2" | "P3" | "P4" | "P5" };
    case "ntfy":
      return { type: "ntfy", topic: action.topic.trim(), ...(secret ? { token: secret } : {}) };
    default:
      return { type: action.type, url: action.url.trim() };
  }
}
