import { pruneNulls, record, type Json } from "./json";

/** The context types Sentry's API knows by name; every other context is typed "default". */
const KNOWN_TYPES = new Set([
  "default",
  "app",
  "device",
  "runtime",
  "browser",
  "os",
  "gpu",
  "monitor",
  "trace",
  "otel",
]);

/**
 * Sentry's `Contexts.get_api_context`: each context without its null fields and with its `type`
 * (the one it declares, else its key, when Sentry knows that type).
 */
export function serializeContexts(value: unknown): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [alias, raw] of Object.entries(record(value) ?? {})) {
    const context = record(raw);
    if (!context) continue;
    const declared = typeof context.type === "string" ? context.type : alias;
    Object.defineProperty(out, alias, {
      value: { ...pruneNulls(context), type: KNOWN_TYPES.has(declared) ? declared : "default" },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
