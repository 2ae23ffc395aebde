import { checkChannelAction } from "./channel-checks";
import { KEY_ONLY_MATCHES, splitTargets, type ActionDraft, type FilterDraft, type RuleDraft } from "./rule-draft";

/**
 * Messages keyed by the API's field path ("name", "triggers[0].interval",
 * "actions[1].targets[2]"); the key "" holds what names no field. Client checks and the
 * server's 400 answers use the same keys, so both land next to the same input.
 */
export type FieldErrors = Record<string, string>;

const FIELD_MESSAGE = /^([A-Za-z]+(?:\[\d+\]|\.[A-Za-z]+)*): (.+)$/s;

/** The server's `detail` ("triggers[0].interval: must be ...; name: is required") by field. */
export function errorsFromDetail(detail: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const part of detail.split("; ")) {
    const match = FIELD_MESSAGE.exec(part.trim());
    const [key, message] = match ? [match[1] ?? "", match[2] ?? ""] : ["", part.trim()];
    errors[key] = errors[key] ? `${errors[key]}; ${message}` : message;
  }
  return errors;
}

/** Fields the editor shows messages next to; anything else is listed above the buttons. */
const PLACED = [
  /^name$/,
  /^triggers(\[\d+\](\.(value|interval))?)?$/,
  /^filters\[\d+\](\.(key|value|level|match))?$/,
  /^actions(\[\d+\](\.(targets(\[\d+\])?|url|secret|botToken|chatId|routingKey|apiKey|priority|topic|token))?)?$/,
  /^(actionIntervalMinutes|digestMinutes|snoozedUntil)$/,
];

/** Messages no input shows, as "field: message" (or the message alone when it names no field). */
export function unplacedErrors(errors: FieldErrors): string[] {
  return Object.entries(errors)
    .filter(([key]) => !PLACED.some((pattern) => pattern.test(key)))
    .map(([key, message]) => (key ? `${key}: ${message}` : message));
}

/** Messages about the items of a list field: "actions[0].targets[2]" → index 2. */
export function itemErrors(errors: FieldErrors, path: string): { index: number; message: string }[] {
  const prefix = `${path}[`;
  return Object.entries(errors).flatMap(([key, message]) => {
    if (!key.startsWith(prefix)) return [];
    const index = Number(key.slice(prefix.length, key.indexOf("]", prefix.length)));
    return Number.isInteger(index) ? [{ index, message }] : [];
  });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** E.164, as the server checks it: "+", then 8 to 15 digits. */
const E164 = /^\+[1-9]\d{7,14}$/;
const INTERVAL = /^([1-9]\d{0,3})([mhdw])$/;
const UNIT_MINUTES = { m: 1, h: 60, d: 1440, w: 10080 } as const;
const MAX_INTERVAL_MINUTES = 30 * 1440;

function isInterval(text: string): boolean {
  const match = INTERVAL.exec(text.trim());
  if (!match) return false;
  return Number(match[1]) * UNIT_MINUTES[match[2] as keyof typeof UNIT_MINUTES] <= MAX_INTERVAL_MINUTES;
}

function integerError(text: string, min: number, max: number): string | undefined {
  if (text.trim() === "") return "is required";
  const n = Number(text);
  if (!Number.isInteger(n)) return "must be a whole number";
  if (n < min || n > max) return `must be between ${min} and ${max}`;
  return undefined;
}

/**
 * The checks a person benefits from before sending: the common mistakes, worded like the
 * server. The server checks everything again; whatever it refuses is shown the same way.
 */
export function checkDraft(draft: RuleDraft): FieldErrors {
  const errors: FieldErrors = {};
  const add = (path: string, message: string | undefined) => {
    if (message && !errors[path]) errors[path] = message;
  };
  if (!draft.name.trim()) add("name", "is required");
  if (draft.triggers.length === 0) add("triggers", "needs at least one trigger");
  draft.triggers.forEach((trigger, i) => {
    if (trigger.type === "first_seen" || trigger.type === "regression") return;
    add(`triggers[${i}].value`, integerError(trigger.value, 1, 1_000_000));
    if (!isInterval(trigger.interval))
      add(`triggers[${i}].interval`, 'must be a window like "5m", "1h" or "1d" (at most 30d)');
  });
  draft.filters.forEach((filter, i) => checkFilter(filter, `filters[${i}]`, add));
  if (draft.actions.length === 0) add("actions", "needs at least one action");
  draft.actions.forEach((action, i) => checkAction(action, `actions[${i}]`, add));
  add("actionIntervalMinutes", integerError(draft.actionIntervalMinutes, 1, 30 * 24 * 60));
  add("digestMinutes", integerError(draft.digestMinutes, 0, 24 * 60));
  if (draft.snoozedUntil && Number.isNaN(new Date(draft.snoozedUntil).getTime()))
    add("snoozedUntil", "must be a date and time");
  return errors;
}

type Add = (path: string, message: string | undefined) => void;

function checkFilter(filter: FilterDraft, path: string, add: Add) {
  if (filter.type === "tag") {
    if (!filter.key.trim()) add(`${path}.key`, "is required");
    if (!KEY_ONLY_MATCHES.includes(filter.match) && filter.value === "")
      add(`${path}.value`, "is required for this match");
  }
  if ((filter.type === "environment" || filter.type === "release") && !filter.value.trim())
    add(`${path}.value`, "is required");
}

function checkAction(action: ActionDraft, path: string, add: Add) {
  if (checkChannelAction(action, path, add)) return;
  if (action.type === "webhook") {
    const url = action.url.trim();
    if (!/^https?:\/\/[^\s/]+/i.test(url) || !URL.canParse(url)) add(`${path}.url`, "must be an http(s) URL");
    const keepsStored = action.secret === "" && action.storedSecretUrl === url;
    if (!keepsStored && action.secret.length < 8)
      add(
        `${path}.secret`,
        action.storedSecretUrl !== null && action.secret === ""
          ? "enter the secret again: the URL changed"
          : "must be at least 8 characters",
      );
    return;
  }
  const targets = splitTargets(action.targets);
  if (targets.length === 0)
    add(`${path}.targets`, `needs at least one ${action.type === "email" ? "address" : "number"}`);
  const max = action.type === "email" ? 50 : 20;
  if (targets.length > max) add(`${path}.targets`, `at most ${max}`);
  targets.forEach((target, j) => {
    if (action.type === "email" && !EMAIL.test(target)) add(`${path}.targets[${j}]`, "must be an email address");
    if (action.type === "sms" && !E164.test(target))
      add(`${path}.targets[${j}]`, "must be a phone number in E.164 form, like +15551234567");
  });
}
