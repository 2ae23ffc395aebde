import { boundedEntries, boundedJson, boundedRecord } from "./bounded-json";
import { asString, isRecord } from "./coerce";
import { deriveHeadline } from "./derive-title";
import { normalizeLevel } from "./level";
import { normalizeLogEntry } from "./message";
import { normalizeRequest } from "./request";
import { normalizeExceptions, normalizeStacktrace, normalizeThreads } from "./stacktrace";
import { addTag, normalizeTags, takeTag } from "./tags";
import { SHAPE_CAPS } from "./shape-caps";
import { eventTimestamp } from "./timestamp";
import { pathKey, setOwn, TrimNotes, type Path } from "./trim-notes";
import type { JsonRecord, NormalizedEvent } from "./types";
import { addComputedContextFields, addUserAgentContexts } from "./user-agent/user-agent-contexts";

export interface NormalizeContext {
  eventId: string;
  /** When the server received the event, in milliseconds since the epoch. */
  receivedAt: number;
  /** The sending client's address, used for `{{auto}}` IPs. */
  clientIp?: string | undefined;
}

/** Legacy `sentry.interfaces.*` keys and their modern names. */
const INTERFACE_ALIASES: Record<string, string> = {
  "sentry.interfaces.Exception": "exception",
  "sentry.interfaces.Stacktrace": "stacktrace",
  "sentry.interfaces.Http": "request",
  "sentry.interfaces.User": "user",
  "sentry.interfaces.Breadcrumbs": "breadcrumbs",
  "sentry.interfaces.Template": "template",
  "sentry.interfaces.Csp": "csp",
  "sentry.interfaces.Threads": "threads",
  "sentry.interfaces.DebugMeta": "debug_meta",
  "sentry.interfaces.Contexts": "contexts",
};

const IDENTIFIER_MAX = SHAPE_CAPS.identifierLength;
const ANY_LENGTH = Number.POSITIVE_INFINITY;
const TOP: Path = [];

/**
 * Turns any SDK's event payload (modern or raven-era) into Faultline's stored shape, within the
 * caps of SHAPE_CAPS (what was trimmed is listed in `errors` and `_meta`), with its derived
 * fields. Processing does not use this: it scrubs between the two steps (see prepareEvent).
 */
export function normalizeEvent(input: Record<string, unknown>, context: NormalizeContext): NormalizedEvent {
  return deriveEventFields(normalizeEventFields(input, context));
}

/**
 * The event's own fields, normalized, and nothing derived from them yet: type, title and
 * metadata are empty, `culprit` is the SDK's own if it sent one, and no tag is promoted from a
 * field. Strings PostgreSQL cannot store are replaced before this, where jobs enter the worker
 * (`sanitizeStrings`); cuts made here never split a character, so they create none.
 */
export function normalizeEventFields(input: Record<string, unknown>, context: NormalizeContext): NormalizedEvent {
  const data: Record<string, unknown> = { ...input };
  const notes = new TrimNotes();
  for (const [legacy, modern] of Object.entries(INTERFACE_ALIASES)) {
    if (data[legacy] !== undefined && data[modern] === undefined) data[modern] = data[legacy];
  }

  const platform = normalizePlatform(data.platform);
  const receivedSeconds = context.receivedAt / 1000;
  const logentry = normalizeLogEntry(data, notes);
  const exceptions = normalizeExceptions(data.exception, platform, notes);
  const stacktrace = normalizeStacktrace(data.stacktrace, platform, notes, ["stacktrace"]);
  const threads = normalizeThreads(data.threads, platform, notes);
  const request = normalizeRequest(data.request, notes);
  const user = normalizeUser(
    boundedRecord(data.user, SHAPE_CAPS.smallBag, notes, TOP, "user"),
    context.clientIp,
    notes,
  );
  const contexts =
    boundedEntries(data.contexts, SHAPE_CAPS.context, SHAPE_CAPS.largeBag.maxBytes, notes, ["contexts"]) ?? {};
  addUserAgentContexts(contexts, request, platform);
  addComputedContextFields(contexts);

  const event: NormalizedEvent = {
    event_id: context.eventId,
    timestamp: eventTimestamp(data.timestamp, receivedSeconds),
    received: receivedSeconds,
    // Sentry defaults every non-transaction event to "error", plain messages included.
    level: normalizeLevel(data.level, "error"),
    platform,
    type: "default",
    title: "",
    culprit: "",
    metadata: {},
    message: logentry?.formatted ?? logentry?.message ?? "",
    tags: normalizeTags(data.tags, notes),
  };
  const environmentTag = takeTag(event.tags, "environment");
  if (logentry) event.logentry = logentry;
  if (exceptions.length > 0) event.exception = { values: exceptions };
  if (stacktrace) event.stacktrace = stacktrace;
  if (threads) event.threads = threads;
  if (request) event.request = request;
  if (user) event.user = user;
  if (Object.keys(contexts).length > 0) event.contexts = contexts;

  const breadcrumbs = normalizeBreadcrumbs(data.breadcrumbs, notes);
  if (breadcrumbs) event.breadcrumbs = breadcrumbs;
  const extra = boundedEntries(data.extra, SHAPE_CAPS.extraValue, SHAPE_CAPS.extra.maxBytes, notes, ["extra"]);
  if (extra) event.extra = extra;
  for (const key of ["sdk", "modules", "csp", "debug_meta"] as const) {
    const value = boundedRecord(data[key], SHAPE_CAPS.largeBag, notes, TOP, key);
    if (value) event[key] = value;
  }
  for (const key of ["release", "dist", "environment", "logger", "transaction", "server_name"] as const) {
    const value = identifier(data[key], notes, key);
    if (value) event[key] = value;
  }
  // Old SDKs set the environment as a tag; Sentry promotes it to the field.
  if (!event.environment && environmentTag) event.environment = environmentTag;
  if (Array.isArray(data.fingerprint)) {
    const parts = data.fingerprint.map((part) => asString(part, ANY_LENGTH) ?? "").filter((part) => part !== "");
    const kept = notes.first(parts, SHAPE_CAPS.fingerprintParts, TOP, "fingerprint");
    if (kept.length > 0) {
      event.fingerprint = kept.map((part, index) => notes.text(part, SHAPE_CAPS.stringLength, ["fingerprint"], index));
    }
  }

  const clientCulprit = identifier(data.culprit, notes, "culprit");
  if (clientCulprit) event.culprit = clientCulprit;
  notes.writeTo(event);
  return event;
}

/**
 * What Faultline derives from an event's fields: type, title, culprit (unless the SDK sent its
 * own), metadata, and the tags Sentry promotes from fields (`url`, `user`, `transaction`...).
 * Processing runs it once, on the scrubbed fields: whatever scrubbing removed from a field
 * (a token in the URL's query) cannot come back through something derived from it.
 */
export function deriveEventFields(fields: NormalizedEvent): NormalizedEvent {
  const event: NormalizedEvent = { ...fields, tags: [...fields.tags] };
  const headline = deriveHeadline({ ...event, ...(fields.culprit ? { clientCulprit: fields.culprit } : {}) });
  event.type = event.csp ? "csp" : headline.type;
  event.title = headline.title;
  event.culprit = headline.culprit;
  event.metadata = headline.metadata;
  addPromotedTags(event);
  return event;
}

/** A trimmed identifier (release, environment...), cut to SHAPE_CAPS.identifierLength with a note. */
function identifier(raw: unknown, notes: TrimNotes, key: string): string | undefined {
  const text = asString(raw, ANY_LENGTH)?.trim();
  return text ? notes.text(text, IDENTIFIER_MAX, TOP, key) : undefined;
}

/** Relay's platform list; anything else is stored as "other" so filters stay enumerable. */
const PLATFORMS = new Set([
  "as3",
  "c",
  "cfml",
  "cocoa",
  "csharp",
  "elixir",
  "go",
  "groovy",
  "haskell",
  "java",
  "javascript",
  "native",
  "node",
  "objc",
  "other",
  "perl",
  "php",
  "python",
  "ruby",
]);

function normalizePlatform(raw: unknown): string {
  const platform = asString(raw, 64)?.trim().toLowerCase();
  return platform && PLATFORMS.has(platform) ? platform : "other";
}

/** The fields that identify a user: one of them keys the users (an indexed column). */
const USER_IDENTIFIERS = ["id", "email", "username", "ip_address"] as const;

function normalizeUser(
  user: JsonRecord | undefined,
  clientIp: string | undefined,
  notes: TrimNotes,
): JsonRecord | undefined {
  if (!user) return undefined;
  if (user.ip_address === "{{auto}}") {
    if (clientIp) user.ip_address = clientIp;
    else delete user.ip_address;
  }
  if (user.id !== undefined && typeof user.id !== "string") user.id = asString(user.id) ?? null;
  // A user id of kilobytes would not fit PostgreSQL's index on the users.
  for (const field of USER_IDENTIFIERS) {
    const value = user[field];
    if (typeof value === "string") user[field] = notes.text(value, SHAPE_CAPS.identifierLength, ["user"], field);
  }
  return Object.keys(user).length > 0 ? user : undefined;
}

/** The most recent SHAPE_CAPS.breadcrumbs, each with its message, category and `data` bounded. */
function normalizeBreadcrumbs(raw: unknown, notes: TrimNotes): { values: JsonRecord[] } | undefined {
  const list = Array.isArray(raw) ? raw : isRecord(raw) && Array.isArray(raw.values) ? raw.values : [];
  const kept = notes.last(list.filter(isRecord), SHAPE_CAPS.breadcrumbs, ["breadcrumbs"], "values");
  const values = kept.map((crumb, index) => normalizeBreadcrumb(crumb, notes, ["breadcrumbs", "values", index]));
  return values.length > 0 ? { values } : undefined;
}

function normalizeBreadcrumb(crumb: Record<string, unknown>, notes: TrimNotes, path: Path): JsonRecord {
  const out: JsonRecord = {};
  for (const rawKey of Object.keys(crumb)) {
    const key = pathKey(rawKey);
    const value = crumb[rawKey];
    if (typeof value === "string" && (key === "message" || key === "type" || key === "category")) {
      const max = key === "message" ? SHAPE_CAPS.breadcrumbMessageLength : SHAPE_CAPS.breadcrumbCategoryLength;
      out[key] = notes.text(value, max, path, key);
      continue;
    }
    const caps = key === "data" ? SHAPE_CAPS.breadcrumbData : SHAPE_CAPS.smallBag;
    const bounded = boundedJson(value, caps, notes, path, key);
    if (bounded !== undefined) setOwn(out, key, bounded);
  }
  return out;
}

/** Fields Sentry also shows as tags, so they can be searched and faceted like SDK tags. */
function addPromotedTags(event: NormalizedEvent): void {
  const { tags } = event;
  addTag(tags, "level", event.level);
  addTag(tags, "environment", event.environment);
  addTag(tags, "release", event.release);
  addTag(tags, "dist", event.dist);
  addTag(tags, "logger", event.logger);
  addTag(tags, "server_name", event.server_name);
  addTag(tags, "transaction", event.transaction);
  const url = event.request?.url;
  if (typeof url === "string") addTag(tags, "url", url.split("?")[0]);
  const user = event.user;
  if (user) {
    const id = user.id ?? null;
    const userTag =
      typeof id === "string" && id
        ? `id:${id}`
        : typeof user.email === "string"
          ? `email:${user.email}`
          : typeof user.ip_address === "string"
            ? `ip:${user.ip_address}`
            : undefined;
    addTag(tags, "user", userTag);
  }
  const mechanism = event.exception?.values.at(-1)?.mechanism;
  if (mechanism) {
    if (typeof mechanism.handled === "boolean") addTag(tags, "handled", mechanism.handled ? "yes" : "no");
    if (typeof mechanism.type === "string") addTag(tags, "mechanism", mechanism.type);
  }
  addContextTags(tags, event.contexts);
}

/**
 * Sentry's tags from contexts: `browser` / `os` / `runtime` are the computed "name version"
 * (`browser.name` etc. alongside), `device` the model and `device.family`. A context is tagged by
 * its key, so the derived `client_os` of a server event becomes `client_os` / `client_os.name`.
 */
function addContextTags(tags: [string, string][], contexts: JsonRecord | undefined): void {
  for (const key of ["browser", "os", "client_os", "runtime", "device"] as const) {
    const ctx = contexts?.[key];
    if (!isRecord(ctx)) continue;
    const ctxName = asString(ctx.name);
    if (key === "device") {
      addTag(tags, "device", asString(ctx.model));
      addTag(tags, "device.family", asString(ctx.family));
      continue;
    }
    const version = asString(ctx.version);
    const computed = key === "browser" ? asString(ctx.browser) : key === "runtime" ? undefined : asString(ctx.os);
    addTag(tags, key, computed ?? (ctxName && version ? `${ctxName} ${version}` : ctxName));
    addTag(tags, `${key}.name`, ctxName);
  }
}
