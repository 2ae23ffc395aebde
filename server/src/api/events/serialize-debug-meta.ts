import type { ApiDebugMeta } from "@faultline/core";
import { list, record } from "./json";

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
