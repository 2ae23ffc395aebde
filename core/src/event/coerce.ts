import { truncateToCodePoints, truncateWithEllipsis } from "./truncate";
import type { JsonRecord, JsonValue } from "./types";

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown): JsonRecord | undefined {
  return isRecord(value) ? (toJson(value) as JsonRecord) : undefined;
}

export function asString(value: unknown, maxLength = 8192): string | undefined {
  if (typeof value === "string") return truncateToCodePoints(value, maxLength);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return undefined;
}

/** Drops what JSON cannot hold (undefined, functions, non-finite numbers) and bounds depth. */
export function toJson(value: unknown, depth = 0): JsonValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (depth > 32) return "[deep]";
  if (Array.isArray(value)) return value.map((item) => toJson(item, depth + 1));
  if (isRecord(value)) {
    const out: JsonRecord = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || typeof item === "function") continue;
      out[key] = toJson(item, depth + 1);
    }
    return out;
  }
  return null;
}

/** `text` cut to at most `max` units, ending with "..." when cut; never splits a surrogate pair. */
export function truncate(text: string, max: number): string {
  return truncateWithEllipsis(text, max);
}
