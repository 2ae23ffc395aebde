/**
 * PostgreSQL cannot store U+0000 in `text` or `jsonb`, and rejects JSON holding a lone UTF-16
 * surrogate (`"\ud800"`), which `JSON.parse` happily produces. Either one in any string of a
 * payload would fail the insert of the whole batch it travels in, so every string (object keys
 * included) is made storable before processing: NUL and lone surrogates become U+FFFD, the
 * Unicode replacement character, as a UTF-8 decoder does with bytes it cannot read.
 */
export const REPLACEMENT_CHARACTER = "\uFFFD";

/** True when the string holds nothing PostgreSQL would refuse. */
export function isStorableString(text: string): boolean {
  return text.isWellFormed() && !text.includes("\u0000");
}

export function toStorableString(text: string): string {
  if (isStorableString(text)) return text;
  return text.toWellFormed().replaceAll("\u0000", REPLACEMENT_CHARACTER);
}

/**
 * Returns `value` with every string made storable. Untouched subtrees are returned as they are
 * (no copy), so a clean payload, the usual case, costs one read of each string and no allocation.
 */
export function sanitizeStrings<T>(value: T): T {
  return sanitizeValue(value) as T;
}

function sanitizeValue(value: unknown): unknown {
  if (typeof value === "string") return toStorableString(value);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const clean = sanitizeValue(item);
      if (clean !== item) {
        copy ??= value.slice();
        copy[i] = clean;
      }
    }
    return copy ?? value;
  }
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    let copy: Record<string, unknown> | undefined;
    for (const key of Object.keys(record)) {
      const item = record[key];
      const cleanKey = toStorableString(key);
      const clean = sanitizeValue(item);
      if (clean === item && cleanKey === key) continue;
      copy ??= { ...record };
      if (cleanKey !== key) delete copy[key];
      copy[cleanKey] = clean;
    }
    return copy ?? value;
  }
  return value;
}
