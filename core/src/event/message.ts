import { boundedJson } from "./bounded-json";
import { asString, isRecord, toJson } from "./coerce";
import { SHAPE_CAPS } from "./shape-caps";
import type { TrimNotes } from "./trim-notes";
import type { JsonRecord, JsonValue, LogEntry } from "./types";

const MAX_MESSAGE = SHAPE_CAPS.messageLength;
const LOGENTRY = ["logentry"] as const;

/**
 * `logentry` (modern), `sentry.interfaces.Message` (legacy) and `message` (a string, or an
 * object in old clients) all describe one thing: a template, its params and the formatted text.
 * The canonical key wins; a plain `message` string still fills a missing `formatted` (§6.5).
 * Texts over SHAPE_CAPS.messageLength are cut (after formatting too), with a note.
 */
export function normalizeLogEntry(data: Record<string, unknown>, notes: TrimNotes): LogEntry | undefined {
  const source = firstPresent(data.logentry, data["sentry.interfaces.Message"], data.message);
  if (source === undefined) return undefined;
  const fallback = () =>
    typeof data.message === "string" && data.message.trim() !== ""
      ? notes.text(data.message, MAX_MESSAGE, LOGENTRY, "formatted")
      : undefined;
  if (!isRecord(source)) {
    const text = typeof source === "string" ? source : JSON.stringify(toJson(source));
    return text.trim() === "" ? undefined : { formatted: notes.text(text, MAX_MESSAGE, LOGENTRY, "formatted") };
  }
  const rawMessage = asString(source.message, Number.POSITIVE_INFINITY);
  const message = rawMessage && notes.text(rawMessage, MAX_MESSAGE, LOGENTRY, "message");
  const params =
    Array.isArray(source.params) || isRecord(source.params)
      ? (boundedJson(source.params, SHAPE_CAPS.messageParams, notes, LOGENTRY, "params") as JsonValue[] | JsonRecord)
      : undefined;
  const rawFormatted = asString(source.formatted, Number.POSITIVE_INFINITY);
  let formatted =
    (rawFormatted && notes.text(rawFormatted, MAX_MESSAGE, LOGENTRY, "formatted")) ||
    (source === data.logentry ? fallback() : undefined);
  if (!formatted && message) {
    // Formatting can make the text longer than its template: cut again.
    formatted = params ? notes.text(formatTemplate(message, params), MAX_MESSAGE, LOGENTRY, "formatted") : message;
  }
  if (!formatted && !message) {
    const text = fallback();
    return text ? { formatted: text } : undefined;
  }
  const entry: LogEntry = {};
  if (message) entry.message = message;
  if (params) entry.params = params;
  if (formatted) entry.formatted = formatted;
  return entry;
}

/** `null` and `false` mean "absent" for the message interface (old SDKs sent `message: false`). */
function firstPresent(...values: unknown[]): unknown {
  return values.find((value) => value !== undefined && value !== null && value !== false);
}

/**
 * `%(name)s`. Linear-time spellings of `%\(([^)]+)\)[-#0 +]*\d*…`: a name stops at the next `%(`
 * (which is tried on its own), and the width cannot start with a `0` that the flags could also
 * take, so neither an unclosed `%(%(%(…` nor `%000…0z` is rescanned from every position.
 */
const NAMED_PLACEHOLDER = /%\(((?:(?!%\()[^)])+)\)[-#0 +]*(?:[1-9]\d*)?(?:\.\d+)?[sdifrxXo]/g;
const POSITIONAL_PLACEHOLDER = /%[-#0 +]*(?:[1-9]\d*)?(?:\.\d+)?([sdifrxXo%])/g;

/**
 * printf-style `%s` / `%d` for positional params, `%(name)s` and `{name}` for named ones — the
 * forms Python logging, Django and PHP's Monolog send.
 */
export function formatTemplate(template: string, params: JsonValue[] | JsonRecord): string {
  if (!Array.isArray(params)) {
    return template
      .replace(NAMED_PLACEHOLDER, (whole, name: string) => named(params, name, whole))
      .replace(/\{([A-Za-z_][\w.]*)\}/g, (whole, name: string) => named(params, name, whole));
  }
  let index = 0;
  return template.replace(POSITIONAL_PLACEHOLDER, (whole, conv: string) => {
    if (conv === "%") return "%";
    if (index >= params.length) return whole;
    return paramText(params[index++] ?? null);
  });
}

function named(params: JsonRecord, name: string, whole: string): string {
  return Object.prototype.hasOwnProperty.call(params, name) ? paramText(params[name] ?? null) : whole;
}

function paramText(value: JsonValue): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
