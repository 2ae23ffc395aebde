import { asRecord, asString, isRecord } from "./coerce";
import type { JsonRecord, JsonValue } from "./types";

/**
 * The request interface, with headers, cookies and query string as ordered [name, value] pairs
 * (how Sentry stores them) whether the SDK sent objects, pair lists or raw strings.
 */
export function normalizeRequest(raw: unknown): JsonRecord | undefined {
  if (!isRecord(raw)) return undefined;
  const out = asRecord(raw) ?? {};
  if (raw.headers !== undefined) {
    out.headers = (toPairs(raw.headers) as [string, string][]).map(([name, value]) => [headerName(name), value]);
  }
  splitUrl(out);
  if (raw.cookies !== undefined)
    out.cookies = typeof raw.cookies === "string" ? splitPairs(raw.cookies, ";") : toPairs(raw.cookies);
  if (raw.query_string !== undefined) {
    out.query_string =
      typeof raw.query_string === "string"
        ? splitPairs(raw.query_string.replace(/^\?/, ""), "&", true)
        : toPairs(raw.query_string);
  }
  const method = asString(raw.method, 32);
  if (method) out.method = method.toUpperCase();
  return out;
}

/** Relay's header-name casing: first letter and every letter after `-` upper-cased (`user-agent` → `User-Agent`). */
function headerName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_whole, dash: string, letter: string) => dash + letter.toUpperCase());
}

/** A URL carrying `?query` or `#fragment` moves them to their own fields when the SDK left those out (Relay). */
function splitUrl(request: JsonRecord): void {
  let url = request.url;
  if (typeof url !== "string") return;
  const hash = url.indexOf("#");
  if (hash !== -1 && request.fragment === undefined) {
    request.fragment = url.slice(hash + 1);
    url = url.slice(0, hash);
  }
  const question = url.indexOf("?");
  if (question !== -1 && request.query_string === undefined) {
    request.query_string = splitPairs(url.slice(question + 1), "&", true);
    url = url.slice(0, question);
  }
  request.url = url;
}

function toPairs(value: unknown): JsonValue {
  if (Array.isArray(value)) {
    return value
      .filter((entry): entry is unknown[] => Array.isArray(entry) && entry.length === 2)
      .map(([name, item]) => [asString(name) ?? "", headerValue(item)]);
  }
  if (isRecord(value)) {
    return Object.entries(value).map(([name, item]) => [name, headerValue(item)]);
  }
  return [];
}

/** Repeated headers arrive as arrays; Relay joins them with commas. */
function headerValue(item: unknown): string {
  if (Array.isArray(item)) return item.map((part) => asString(part) ?? "").join(",");
  return asString(item) ?? (item === null || item === undefined ? "" : JSON.stringify(item));
}

function splitPairs(text: string, separator: string, decode = false): JsonValue {
  return text
    .split(separator)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf("=");
      const name = eq === -1 ? part : part.slice(0, eq);
      const value = eq === -1 ? "" : part.slice(eq + 1);
      return decode ? [safeDecode(name), safeDecode(value)] : [name, value];
    });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}
