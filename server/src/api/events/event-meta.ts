import { record, type Json } from "./json";

/** Stored (SDK) field names in `_meta` paths and their API names, so a note points at the API field. */
const API_NAMES: Record<string, string> = {
  abs_path: "absPath",
  lineno: "lineNo",
  colno: "colNo",
  in_app: "inApp",
  raw_stacktrace: "rawStacktrace",
  thread_id: "threadId",
  instruction_addr: "instructionAddr",
  symbol_addr: "symbolAddr",
  raw_function: "rawFunction",
  frames_omitted: "framesOmitted",
  query_string: "query",
  inferred_content_type: "inferredContentType",
};

function renamed(meta: unknown): unknown {
  const node = record(meta);
  if (!node) return meta;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    // "" holds the annotation itself (`{len}`, `{rem}`), never a field.
    Object.defineProperty(out, API_NAMES[key] ?? key, {
      value: key === "" ? value : renamed(value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * Sentry's `_meta`: what was trimmed or removed, per entry (by its index in `entries`) and per
 * top-level field (`context` is the stored `extra`, `packages` the stored `modules`).
 */
export function serializeEventMeta(stored: unknown, entryKeys: string[]) {
  const meta = record(stored) ?? {};
  const entries: Record<string, { data: unknown }> = {};
  entryKeys.forEach((key, index) => {
    if (meta[key] !== undefined) entries[String(index)] = { data: renamed(meta[key]) };
  });
  const logentry = record(meta.logentry);
  return {
    entries,
    message: logentry?.formatted ?? logentry?.message ?? null,
    user: meta.user ?? null,
    contexts: meta.contexts ?? null,
    sdk: meta.sdk ?? null,
    context: meta.extra ?? null,
    packages: meta.modules ?? null,
    tags: record(meta.tags) ?? {},
  };
}
