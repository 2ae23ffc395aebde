import { isRecord } from "./coerce";
import { SHAPE_CAPS } from "./shape-caps";
import type { TrimNotes } from "./trim-notes";
import { truncateToCodePoints } from "./truncate";

export const MAX_TAG_KEY_LENGTH = SHAPE_CAPS.tagKeyLength;
export const MAX_TAG_VALUE_LENGTH = SHAPE_CAPS.tagValueLength;
const TAGS = ["tags"] as const;

/** Tags Sentry derives itself from top-level fields; SDK-sent copies would conflict (§6.11). */
const RESERVED_KEYS = new Set(["release", "dist", "user", "filename", "function"]);
const KEY_CHARACTERS = /^[a-zA-Z0-9_.:-]+$/;

/**
 * Tags arrive as an object or as a list of [key, value] pairs; both become ordered pairs.
 * Keys: spaces become `-`, other odd characters make the tag invalid; the first of duplicate
 * keys wins. Values: lenient strings (`true` → "True", like Relay), no newlines. Over the caps
 * (SHAPE_CAPS), a long key drops its tag, a long value is cut, tags past the count are dropped;
 * each with a note.
 */
export function normalizeTags(raw: unknown, notes: TrimNotes): [string, string][] {
  const pairs: [unknown, unknown][] = [];
  if (Array.isArray(raw)) {
    for (const entry of raw) {
      if (Array.isArray(entry) && entry.length === 2) pairs.push([entry[0], entry[1]]);
    }
  } else if (isRecord(raw)) {
    pairs.push(...Object.entries(raw));
  }
  const seen = new Map<string, string>();
  let valid = 0;
  for (const [rawKey, rawValue] of pairs) {
    const key = tagText(rawKey)?.replace(/\s+/g, "-");
    const value = tagText(rawValue);
    if (!key || !value) continue;
    if (key.length > MAX_TAG_KEY_LENGTH) {
      notes.add(TAGS, undefined);
      continue;
    }
    if (!KEY_CHARACTERS.test(key) || RESERVED_KEYS.has(key) || seen.has(key) || /[\r\n]/.test(value)) continue;
    valid++;
    if (seen.size < SHAPE_CAPS.tags) seen.set(key, notes.text(value, MAX_TAG_VALUE_LENGTH, TAGS, key));
  }
  if (valid > seen.size) notes.add(TAGS, undefined, valid);
  return [...seen.entries()];
}

function tagText(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim();
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number" && Number.isFinite(value)) {
    return Number.isInteger(value) || Math.abs(value) > 2 ** 53 ? String(value) : String(Math.trunc(value));
  }
  return undefined;
}

/** Adds a tag unless the SDK already set one with that key. */
export function addTag(tags: [string, string][], key: string, value: string | undefined): void {
  const text = value?.trim();
  if (text === undefined || text === "") return;
  if (tags.some(([existing]) => existing === key)) return;
  tags.push([key, truncateToCodePoints(text, MAX_TAG_VALUE_LENGTH)]);
}

/** Removes a tag and returns its value (used to promote legacy tags to fields). */
export function takeTag(tags: [string, string][], key: string): string | undefined {
  const index = tags.findIndex(([existing]) => existing === key);
  if (index === -1) return undefined;
  const [entry] = tags.splice(index, 1);
  return entry?.[1];
}
