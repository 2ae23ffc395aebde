import { asString, isRecord, toJson } from "./coerce";
import type { JsonRecord, JsonValue, LogEntry } from "./types";

const MAX_MESSAGE = 8192;

/**
 * `logentry` (modern), `sentry.interfaces.Message` (legacy) and `message` (a string, or an
 * object in old clients) all describe one thing: a template, its params and the formatted text.
 * The canonical key wins; a plain `message` string still fills a missing `formatted` (§6.5).
 */
export function normalizeLogEntry(data: Record<string, unknown>): LogEntry | undefined {
  const source = firstPresent(data.logentry, data["sentry.interfaces.Message"], data.message);
  const fallback =
    typeof data.message === "string" && data.message.trim() !== "" ? data.message.slice(0, MAX_MESSAGE) : undefined;
  if (source === undefined) return undefined;
  if (!isRecord(source)) {
    const text = typeof source === "string" ? source : JSON.stringify(toJson(source));
    return text.trim() === "" ? undefined : { formatted: text.slice(0, MAX_MESSAGE) };
  }
  const message = asString(source.message, MAX_MESSAGE);
  const params = Array.isArray(source.params)
    ? source.params.map((param) => toJson(param))
    : isRecord(source.params)
      ? (toJson(source.params) as JsonRecord)
      : undefined;
  let formatted = asString(source.formatted, MAX_MESSAGE) || (source === data.logentry ? fallback : undefined);
  if (!formatted && message) formatted = params ? formatTemplate(message, params) : message;
  if (!formatted && !message) return fallback ? { formatted: fallback } : undefined;
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
 * printf-style `%s` / `%d` for positional params, `%(name)s` and `{name}` for named ones — the
 * forms Python logging, Django and PHP's Monolog send.
 */
export function formatTemplate(template: string, params: JsonValue[] | JsonRecord): string {
  if (!Array.isArray(params)) {
    return template
      .replace(/%\(([^)]+)\)[-#0 +]*\d*(?:\.\d+)?[sdifrxXo]/g, (whole, name: string) => named(params, name, whole))
      .replace(/\{([A-Za-z_][\w.]*)\}/g, (whole, name: string) => named(params, name, whole));
  }
  let index = 0;
  return template.replace(/%[-#0 +]*\d*(?:\.\d+)?([sdifrxXo%])/g, (whole, conv: string) => {
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
