import type { ApiMessage } from "@faultline/core";
import { record, text } from "./json";

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
