import { boundedJson } from "./bounded-json";
import { asString, isRecord } from "./coerce";
import { SHAPE_CAPS } from "./shape-caps";
import { pathKey, setOwn, type TrimNotes } from "./trim-notes";
import type { JsonRecord, JsonValue } from "./types";

const REQUEST = ["request"] as const;
const ANY_LENGTH = Number.POSITIVE_INFINITY;
const PAIR_FIELDS = new Set(["headers", "cookies", "query_string"]);

/**
 * The request interface, with headers, cookies and query string as ordered [name, value] pairs
 * (how Sentry stores them) whether the SDK sent objects, pair lists or raw strings. `data` is a
 * databag (SHAPE_CAPS.requestData); every other field is bounded like a small one.
 */
export function normalizeRequest(raw: unknown, notes: TrimNotes): JsonRecord | undefined {
  if (!isRecord(raw)) return undefined;
  const out: JsonRecord = {};
  for (const rawKey of Object.keys(raw)) {
    const key = pathKey(rawKey);
    // Parsed below, after the URL gave up its query string; a placeholder keeps the field order.
    if (PAIR_FIELDS.has(key)) {
      if (raw[key] !== undefined) out[key] = null;
      continue;
    }
    const caps = key === "data" ? SHAPE_CAPS.requestData : SHAPE_CAPS.smallBag;
    const value = boundedJson(raw[rawKey], caps, notes, REQUEST, key);
    if (value !== undefined) setOwn(out, key, value);
  }
  if (raw.headers !== undefined) {
    const headers = (toPairs(raw.headers) as [string, string][]).map(([name, value]) => [headerName(name), value]);
    out.headers = boundPairs(headers, notes, "headers");
  }
  splitUrl(out, notes);
  if (raw.cookies !== undefined) {
    const cookies = typeof raw.cookies === "string" ? splitPairs(raw.cookies, ";") : toPairs(raw.cookies);
    out.cookies = boundPairs(cookies, notes, "cookies");
  }
  if (raw.query_string !== undefined) {
    const query =
      typeof raw.query_string === "string"
        ? splitPairs(raw.query_string.replace(/^\?/, ""), "&", true)
        : toPairs(raw.query_string);
    out.query_string = boundPairs(query, notes, "query_string");
  }
  const method = asString(raw.method, 32);
  if (method) out.method = method.toUpperCase();
  return out;
}

/** At most SHAPE_CAPS.requestPairs pairs, each name and value within SHAPE_CAPS.stringLength. */
function boundPairs(pairs: JsonValue[][], notes: TrimNotes, field: string): JsonValue[][] {
  const kept = notes.first(pairs, SHAPE_CAPS.requestPairs, REQUEST, field);
  return kept.map((pair, index) =>
    pair.map((part) =>
      typeof part === "string" ? notes.text(part, SHAPE_CAPS.stringLength, [...REQUEST, field], index) : part,
    ),
  );
}

/** Relay's header-name casing: first letter and every letter after `-` upper-cased (`user-agent` → `User-Agent`). */
function headerName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_whole, dash: string, letter: string) => dash + letter.toUpperCase());
}

/**
 * Relay keeps the URL without its `?query` and `#fragment`: they move to their own fields, where
 * the SDK's own `query_string` / `fragment` win (SDKs such as @sentry/node send both).
 */
function splitUrl(request: JsonRecord, notes: TrimNotes): void {
  let url = request.url;
  if (typeof url !== "string") return;
  const hash = url.indexOf("#");
  if (hash !== -1) {
    if (request.fragment === undefined) request.fragment = url.slice(hash + 1);
    url = url.slice(0, hash);
  }
  const question = url.indexOf("?");
  if (question !== -1) {
    if (request.query_string === undefined) {
      request.query_string = boundPairs(splitPairs(url.slice(question + 1), "&", true), notes, "query_string");
    }
    url = url.slice(0, question);
  }
  request.url = url;
}

function toPairs(value: unknown): JsonValue[][] {
  if (Array.isArray(value)) {
    return value
      .filter((entry): entry is unknown[] => Array.isArray(entry) && entry.length === 2)
      .map(([name, item]) => [asString(name, ANY_LENGTH) ?? "", headerValue(item)]);
  }
  if (isRecord(value)) {
    return Object.entries(value).map(([name, item]) => [name, headerValue(item)]);
  }
  return [];
}

/** Repeated headers arrive as arrays; Relay joins them with commas. */
function headerValue(item: unknown): string {
  if (Array.isArray(item)) return item.map((part) => asString(part, ANY_LENGTH) ?? "").join(",");
  return asString(item, ANY_LENGTH) ?? (item === null || item === undefined ? "" : JSON.stringify(item));
}

function splitPairs(text: string, separator: string, decode = false): JsonValue[][] {
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
