import type { ApiDebugMeta, ApiMessage } from "@faultline/core";
import { list, record, text } from "./json";

/** Sentry's `DebugMeta.get_api_context`: the images (with their debug ids) as the SDK sent them. */
export function serializeDebugMeta(value: unknown): ApiDebugMeta | null {
  const debugMeta = record(value);
  if (!debugMeta) return null;
  return {
    images: list(debugMeta.images),
    sdk_info: debugMeta.sdk_info ?? null,
    is_debug_build: debugMeta.is_debug_build ?? null,
  };
}

/** Sentry's `Message` entry: `formatted`, plus the template and params when they differ from it. */
export function serializeMessage(logentry: unknown, fallback: unknown): ApiMessage | null {
  const entry = record(logentry);
  const template = text(entry?.message);
  const formatted = text(entry?.formatted) || template || text(fallback);
  if (!formatted) return null;
  const out: ApiMessage = { formatted };
  if (template && template !== formatted) out.message = template;
  const params = entry?.params;
  if ((Array.isArray(params) && params.length > 0) || (record(params) && Object.keys(params as object).length > 0))
    out.params = params;
  return out;
}
