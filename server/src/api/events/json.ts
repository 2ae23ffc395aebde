/** Readers for stored event JSON: anything the SDK sent, read without trusting its types. */
export type Json = Record<string, unknown>;

export function record(value: unknown): Json | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function text(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

export function integer(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? Math.trunc(value) : null;
}

/** `{}` or absent becomes null, as Sentry's `x or None`. */
export function nonEmptyRecord(value: unknown): Json | null {
  const found = record(value);
  return found && Object.keys(found).length > 0 ? found : null;
}

/** Sentry's `prune_empty_keys`: the keys whose value is null or absent go. */
export function pruneNulls(value: Json): Json {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null && item !== undefined));
}
