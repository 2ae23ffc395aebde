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
 * Paths the walker has rules for (protected text, `metadata`, top-level `tags`) and every dotted
 * prefix of them: a value's path can only be one of these if its parent's path is one too.
 * The walker tracks this instead of building every value's dotted path.
 */
const TRACKED_PATHS = new Set([...PROTECTED_PATHS, "logentry", "exception", "exception.values", "metadata", "tags"]);
/** Stands for any path under `metadata.` (all protected text). */
const IN_METADATA = "metadata.";

/** The tracked path of a child, from its parent's (null: nothing under it has a rule). */
function childWhere(where: string | null, key: string): string | null {
  if (where === null) return null;
  if (where === IN_METADATA || where === "metadata") return IN_METADATA;
  const path = `${where}.${key}`;
  return TRACKED_PATHS.has(path) ? path : null;
}

function topLevelWhere(key: string): string | null {
  if (key.startsWith(IN_METADATA)) return IN_METADATA;
  return TRACKED_PATHS.has(key) ? key : null;
}

const SENSITIVE_KEY = 1;
const VERBATIM_KEY = 2;
const SENSITIVE_COOKIE = 4;
/** Keys repeat across events (frames, headers, contexts): their verdicts are remembered, within bounds. */
const MAX_REMEMBERED_KEYS = 10_000;
const MAX_REMEMBERED_KEY_LENGTH = 64;

interface Walker {
  rules: ScrubRules;
  keyFlags: Map<string, number>;
}

const walkers = new Map<string, Walker>();

/** Compiled rules per distinct settings, so each event does not compile (and learn keys) again. */
function walkerFor(settings: ScrubSettings): Walker {
  const signature = JSON.stringify(settings);
  let walker = walkers.get(signature);
  if (!walker) {
    if (walkers.size >= 256) walkers.clear();
    walker = { rules: compileRules(settings), keyFlags: new Map() };
    walkers.set(signature, walker);
  }
  return walker;
}

function keyFlags(walker: Walker, key: string): number {
  let flags = walker.keyFlags.get(key);
  if (flags === undefined) {
    const userAgent = isUserAgent(key);
    flags =
      (!userAgent && walker.rules.isSensitiveKey(key) ? SENSITIVE_KEY : 0) |
      (userAgent || VERBATIM_KEYS.has(key) ? VERBATIM_KEY : 0) |
      (walker.rules.isSensitiveCookie(key) ? SENSITIVE_COOKIE : 0);
    if (walker.keyFlags.size < MAX_REMEMBERED_KEYS && key.length <= MAX_REMEMBERED_KEY_LENGTH) {
      walker.keyFlags.set(key, flags);
    }
  }
  return flags;
}

/**
 * Applies the project's data-scrubbing settings to every place personal data can hide
 * (sentry-protocol.md §8). Pure: returns a new event and leaves the input untouched (the two
 * share the parts scrubbing did not change).
 */
export function scrubEvent(event: NormalizedEvent, settings: ScrubSettings = DEFAULT_SCRUB_SETTINGS): NormalizedEvent {
  if (!settings.enabled) return event;
  const walker = walkerFor(settings);
  const out: Record<string, JsonValue> = {};
  const source = event as unknown as Record<string, JsonValue>;
  for (const key of Object.keys(source)) {
    const value = source[key] as JsonValue;
    out[key] = SKIPPED_TOP_LEVEL.has(key) ? value : scrubValue(value, key, topLevelWhere(key), key, walker, null);
  }
  const scrubbed = out as unknown as NormalizedEvent;
  reformatMessage(event, scrubbed);
  if (settings.scrubIpAddresses) removeIpFields(scrubbed);
  return scrubbed;
}

/**
 * `where` is the value's path if it is tracked (see TRACKED_PATHS), else null; `path` is its
 * full dotted path, built only when safe fields need it (else "").
 */
function scrubValue(
  value: JsonValue,
  key: string | null,
  where: string | null,
  path: string,
  walker: Walker,
  parentKey: string | null,
): JsonValue {
  const { rules } = walker;
  let flags = 0;
  if (key !== null) {
    if (rules.needsPaths && rules.isSafe(key, path)) return value;
    flags = keyFlags(walker, key);
    if (flags & SENSITIVE_KEY) return value === null ? null : FILTERED;
    if (parentKey === "cookies" && flags & SENSITIVE_COOKIE) return FILTERED;
  }
  if (typeof value === "string") {
    if (flags & VERBATIM_KEY) return value;
    if (where !== null && (where === IN_METADATA || PROTECTED_PATHS.has(where))) return rules.protectedText(value);
    return rules.isSecretValue(value) ? FILTERED : rules.text(value);
  }
  // Copy on write: a list or object comes back as it was unless something in it changed, so
  // the (usual) untouched bulk of an event is neither copied nor left for the collector.
  if (Array.isArray(value)) {
    const pairs = key !== null && PAIR_LISTS.has(key);
    let out: JsonValue[] | null = null;
    for (let index = 0; index < value.length; index++) {
      const entry = value[index] as JsonValue;
      let next: JsonValue;
      if (pairs && Array.isArray(entry) && entry.length === 2 && typeof entry[0] === "string") {
        const name = entry[0];
        // Tags copied from unscrubbed top-level fields (`transaction`, `release`) stay as those are.
        if (key === "tags" && where === "tags" && SKIPPED_TOP_LEVEL.has(name)) next = entry;
        else {
          const childPath = rules.needsPaths ? `${path}.${name}` : "";
          const pairValue = entry[1] as JsonValue;
          const scrubbed = scrubValue(pairValue, name, childWhere(where, name), childPath, walker, key);
          next = scrubbed === pairValue ? entry : [name, scrubbed];
        }
      } else next = scrubValue(entry, null, where, path, walker, key);
      if (out === null && next !== entry) out = value.slice(0, index);
      if (out !== null) out.push(next);
    }
    return out ?? value;
  }
  if (value !== null && typeof value === "object") {
    let out: JsonRecord | null = null;
    const keys = Object.keys(value);
    for (let index = 0; index < keys.length; index++) {
      const childKey = keys[index] as string;
      const child = value[childKey] as JsonValue;
      const childPath = rules.needsPaths ? `${path}.${childKey}` : "";
      const next = scrubValue(child, childKey, childWhere(where, childKey), childPath, walker, key);
      if (out === null && next !== child) {
        out = {};
        for (let before = 0; before < index; before++) {
          const earlier = keys[before] as string;
          out[earlier] = value[earlier] as JsonValue;
        }
      }
      if (out !== null) out[childKey] = next;
    }
    return out ?? value;
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

/** Replaces (never edits) the objects it changes: scrubbed events share untouched parts with their input. */
function removeIpFields(event: NormalizedEvent): void {
  if (event.user && "ip_address" in event.user) event.user = without(event.user, "ip_address");
  const env = event.request?.env;
  if (event.request && env && typeof env === "object" && !Array.isArray(env) && "REMOTE_ADDR" in env)
    event.request = { ...event.request, env: without(env, "REMOTE_ADDR") };
  if (event.sdk && "client_ip" in event.sdk) event.sdk = without(event.sdk, "client_ip");
  event.tags = event.tags.filter(([key, value]) => !(key === "user" && value.startsWith("ip:")));
}

function without<T extends object>(record: T, key: string): T {
  const copy = { ...record };
  delete (copy as Record<string, unknown>)[key];
  return copy;
}
