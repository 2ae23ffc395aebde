import { isRecord } from "../event/coerce";
import type { NormalizedEvent } from "../event/types";

const DEBUG_ID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** A debug id in the dashed lowercase form sentry-cli writes into bundle manifests. */
export function normalizeDebugId(raw: string): string | undefined {
  const compact = raw.trim().toLowerCase().replace(/-/g, "").slice(0, 32);
  if (!DEBUG_ID.test(raw.trim()) || compact.length !== 32) return undefined;
  return `${compact.slice(0, 8)}-${compact.slice(8, 12)}-${compact.slice(12, 16)}-${compact.slice(16, 20)}-${compact.slice(20)}`;
}

/**
 * The SDK's `debug_meta.images` of type `sourcemap` (`{code_file, debug_id}`): which debug id
 * each script URL was built with (`sentry-cli sourcemaps inject` / the bundler plugins).
 */
export function debugIdsByUrl(event: Pick<NormalizedEvent, "debug_meta">): Map<string, string> {
  const byUrl = new Map<string, string>();
  const images = event.debug_meta?.images;
  if (!Array.isArray(images)) return byUrl;
  for (const image of images) {
    if (!isRecord(image) || image.type !== "sourcemap") continue;
    const codeFile = image.code_file;
    const debugId = typeof image.debug_id === "string" ? normalizeDebugId(image.debug_id) : undefined;
    if (typeof codeFile === "string" && debugId) byUrl.set(codeFile, debugId);
  }
  return byUrl;
}
