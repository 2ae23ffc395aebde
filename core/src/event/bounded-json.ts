import { isRecord } from "./coerce";
import { SHAPE_CAPS, type BagCaps } from "./shape-caps";
import { pathKey, setOwn, type Path, type TrimNotes } from "./trim-notes";
import { truncateWithEllipsis } from "./truncate";
import type { JsonRecord, JsonValue } from "./types";

interface Budget {
  remaining: number;
  trimmed: boolean;
}

/**
 * Copies a free-form value (a databag: `extra`, a context, breadcrumb `data`, frame `vars`...)
 * into JSON within `caps`, as Relay's trimming does: a container on the last allowed level is
 * kept as its JSON text, entries past the size budget are dropped, strings are cut to what the
 * budget has left (and never past SHAPE_CAPS.stringLength), keys to SHAPE_CAPS.keyLength.
 * A bag that had to be trimmed gets one note at its own path. Values JSON cannot hold
 * (undefined, functions, non-finite numbers) are dropped or become null, as JSON.stringify does.
 */
export function boundedJson(
  value: unknown,
  caps: BagCaps,
  notes: TrimNotes,
  parent: Path,
  key?: string | number,
): JsonValue | undefined {
  const budget: Budget = { remaining: caps.maxBytes, trimmed: false };
  const out = bound(value, caps.maxDepth, budget);
  if (budget.trimmed) notes.add(parent, key);
  return out;
}

/** boundedJson for a value that must be an object; anything else gives undefined. */
export function boundedRecord(
  value: unknown,
  caps: BagCaps,
  notes: TrimNotes,
  parent: Path,
  key?: string | number,
): JsonRecord | undefined {
  return isRecord(value) ? (boundedJson(value, caps, notes, parent, key) as JsonRecord) : undefined;
}

function bound(value: unknown, depth: number, budget: Budget): JsonValue | undefined {
  if (value === undefined || typeof value === "function" || typeof value === "symbol") return undefined;
  if (value === null || typeof value === "boolean") {
    budget.remaining -= 5;
    return value;
  }
  if (typeof value === "number") {
    budget.remaining -= 8;
    return Number.isFinite(value) ? value : null;
  }
  if (typeof value === "string") return boundString(value, budget);
  const isArray = Array.isArray(value);
  if (!isArray && !isRecord(value)) return null;
  if (depth <= 1 && !isEmpty(value)) {
    budget.trimmed = true;
    return boundString(stringify(value), budget);
  }
  budget.remaining -= 2;
  return isArray ? boundArray(value, depth, budget) : boundObject(value as Record<string, unknown>, depth, budget);
}

function boundArray(value: unknown[], depth: number, budget: Budget): JsonValue[] {
  const out: JsonValue[] = [];
  for (const item of value) {
    if (budget.remaining <= 0) {
      budget.trimmed = true;
      break;
    }
    out.push(bound(item, depth - 1, budget) ?? null);
    budget.remaining -= 1;
  }
  return out;
}

function boundObject(value: Record<string, unknown>, depth: number, budget: Budget): JsonRecord {
  const out: JsonRecord = {};
  for (const rawKey of Object.keys(value)) {
    const item = value[rawKey];
    if (item === undefined || typeof item === "function") continue;
    if (budget.remaining <= 0) {
      budget.trimmed = true;
      break;
    }
    const key = rawKey.length > SHAPE_CAPS.keyLength ? pathKey(rawKey) : rawKey;
    if (key !== rawKey) budget.trimmed = true;
    budget.remaining -= key.length + 4;
    const bounded = bound(item, depth - 1, budget);
    if (bounded !== undefined) setOwn(out, key, bounded);
  }
  return out;
}

function boundString(text: string, budget: Budget): string {
  const max = Math.min(SHAPE_CAPS.stringLength, Math.max(budget.remaining - 2, 0));
  const out = text.length > max ? truncateWithEllipsis(text, max) : text;
  if (out !== text) budget.trimmed = true;
  budget.remaining -= out.length + 2;
  return out;
}

function isEmpty(value: object): boolean {
  if (Array.isArray(value)) return value.length === 0;
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return true;
}

function stringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "null";
  } catch {
    // Only values built in-process (cycles, BigInt) get here; a parsed payload always serializes.
    return "[unserializable]";
  }
}

/**
 * A record whose every value is a databag of its own (`extra`, `contexts`): each within
 * `entryCaps`, all of them together within `totalBytes`. Entries past the total are dropped,
 * noted with the original count at the record's path.
 */
export function boundedEntries(
  value: unknown,
  entryCaps: BagCaps,
  totalBytes: number,
  notes: TrimNotes,
  path: Path,
): JsonRecord | undefined {
  if (!isRecord(value)) return undefined;
  const out: JsonRecord = {};
  const keys = Object.keys(value);
  let remaining = totalBytes;
  for (let i = 0; i < keys.length; i++) {
    const rawKey = keys[i] as string;
    if (remaining <= 0) {
      notes.add(path, undefined, keys.length);
      break;
    }
    const key = pathKey(rawKey);
    const budget: Budget = { remaining: Math.min(entryCaps.maxBytes, remaining), trimmed: key !== rawKey };
    const start = budget.remaining;
    const bounded = bound(value[rawKey], entryCaps.maxDepth, budget);
    if (budget.trimmed) notes.add(path, key);
    remaining -= start - budget.remaining + key.length + 3;
    if (bounded !== undefined) setOwn(out, key, bounded);
  }
  return out;
}
