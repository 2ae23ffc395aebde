import { messageTitle } from "../event/derive-title";
import { formatTemplate } from "../event/message";
import type { JsonRecord, JsonValue, NormalizedEvent } from "../event/types";
import { FILTERED } from "./patterns";
import { compileRules, type ScrubRules } from "./scrub-rules";
import { DEFAULT_SCRUB_SETTINGS, type ScrubSettings } from "./settings";

export { DEFAULT_SCRUB_SETTINGS, type ScrubSettings } from "./settings";

/** Keys whose string values stay as sent: they identify code and drive grouping and display. */
const VERBATIM_KEYS = new Set([
  "filename",
  "abs_path",
  "event_id",
  "platform",
  "type",
  "level",
  "module",
  "function",
  "raw_function",
  "package",
  "category",
]);
/**
 * Never touched: binary image lists (as in Sentry), our own bookkeeping, and identifiers Relay
 * marks as not personal (a release or transaction named "auth-service" must stay searchable).
 */
const SKIPPED_TOP_LEVEL = new Set([
  "debug_meta",
  "event_id",
  "timestamp",
  "received",
  "fingerprint",
  "type",
  "level",
  "platform",
  "release",
  "dist",
  "environment",
  "transaction",
  "logger",
  "server_name",
]);
/** Lists of [name, value] pairs, whose first element is the key. */
const PAIR_LISTS = new Set(["headers", "cookies", "query_string", "tags"]);
/**
 * Text that is the event's headline or drives grouping: Sentry applies only the replace-only
 * patterns here, never the key/assignment rules that would blank the whole sentence.
 */
const PROTECTED_PATHS = new Set([
  "title",
  "message",
  "culprit",
  "logentry.formatted",
  "logentry.message",
  "exception.values.value",
]);

/**
 * Applies the project's data-scrubbing settings to every place personal data can hide
 * (sentry-protocol.md §8). Pure: returns a new event and leaves the input untouched.
 */
export function scrubEvent(event: NormalizedEvent, settings: ScrubSettings = DEFAULT_SCRUB_SETTINGS): NormalizedEvent {
  if (!settings.enabled) return event;
  const rules = compileRules(settings);
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(event) as [string, JsonValue][]) {
    out[key] = SKIPPED_TOP_LEVEL.has(key) ? value : scrubValue(value, key, key, rules, null);
  }
  const scrubbed = out as unknown as NormalizedEvent;
  reformatMessage(event, scrubbed);
  if (settings.scrubIpAddresses) removeIpFields(scrubbed);
  return scrubbed;
}

function scrubValue(
  value: JsonValue,
  key: string | null,
  path: string,
  rules: ScrubRules,
  parentKey: string | null,
): JsonValue {
  if (key !== null && rules.isSafe(key, path)) return value;
  if (key !== null && !isUserAgent(key) && rules.isSensitiveKey(key)) return value === null ? null : FILTERED;
  if (key !== null && parentKey === "cookies" && rules.isSensitiveCookie(key)) return FILTERED;
  if (typeof value === "string") {
    if (key !== null && (VERBATIM_KEYS.has(key) || isUserAgent(key))) return value;
    if (PROTECTED_PATHS.has(path) || path.startsWith("metadata.")) return rules.protectedText(value);
    return rules.isSecretValue(value) ? FILTERED : rules.text(value);
  }
  if (Array.isArray(value)) {
    const pairs = key !== null && PAIR_LISTS.has(key);
    return value.map((entry) => {
      if (pairs && Array.isArray(entry) && entry.length === 2 && typeof entry[0] === "string") {
        // Tags copied from unscrubbed top-level fields (`transaction`, `release`) stay as those are.
        if (key === "tags" && path === "tags" && SKIPPED_TOP_LEVEL.has(entry[0])) return entry;
        return [entry[0], scrubValue(entry[1] ?? null, entry[0], `${path}.${entry[0]}`, rules, key)];
      }
      return scrubValue(entry, null, path, rules, key);
    });
  }
  if (value !== null && typeof value === "object") {
    const out: JsonRecord = {};
    for (const [childKey, child] of Object.entries(value)) {
      out[childKey] = scrubValue(child, childKey, `${path}.${childKey}`, rules, key);
    }
    return out;
  }
  return value;
}

/**
 * `logentry.formatted` is protected text, so a filtered param would survive in it (and in the
 * title). When scrubbing changed a param, format the template again from the scrubbed params.
 */
function reformatMessage(original: NormalizedEvent, scrubbed: NormalizedEvent): void {
  const entry = scrubbed.logentry;
  if (!entry?.message || entry.params === undefined) return;
  if (JSON.stringify(entry.params) === JSON.stringify(original.logentry?.params)) return;
  entry.formatted = formatTemplate(entry.message, entry.params);
  scrubbed.message = entry.formatted;
  if (scrubbed.type === "default") {
    scrubbed.title = messageTitle(entry.formatted);
    scrubbed.metadata = { ...scrubbed.metadata, title: scrubbed.title };
  }
}

function isUserAgent(key: string): boolean {
  return key.toLowerCase() === "user-agent";
}

function removeIpFields(event: NormalizedEvent): void {
  if (event.user) delete event.user.ip_address;
  const env = event.request?.env;
  if (env && typeof env === "object" && !Array.isArray(env)) delete env.REMOTE_ADDR;
  if (event.sdk) delete event.sdk.client_ip;
  event.tags = event.tags.filter(([key, value]) => !(key === "user" && value.startsWith("ip:")));
}
