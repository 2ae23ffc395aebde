import type { ApiEventEntry } from "@faultline/core";
import { record, type Json } from "./json";
import { serializeBreadcrumbs } from "./serialize-breadcrumbs";
import { serializeDebugMeta } from "./serialize-debug-meta";
import { serializeException, serializeThreads } from "./serialize-exception";
import { serializeStacktrace } from "./serialize-frames";
import { serializeMessage } from "./serialize-message";
import { serializeRequest } from "./serialize-request";

/**
 * Each interface the API lists in `entries`: the stored key it comes from and how it is shown.
 * In Sentry's display order (its interfaces' `display_score`, highest first): the message above
 * the exception, security reports above breadcrumbs, the request below them, debug meta last.
 */
const INTERFACES: { key: string; entry: (data: Json) => ApiEventEntry | null }[] = [
  { key: "logentry", entry: (data) => wrap("message", serializeMessage(data.logentry, data.message)) },
  { key: "exception", entry: (data) => wrap("exception", serializeException(data.exception)) },
  { key: "stacktrace", entry: (data) => wrap("stacktrace", serializeStacktrace(data.stacktrace)) },
  { key: "threads", entry: (data) => wrap("threads", serializeThreads(data.threads)) },
  { key: "csp", entry: (data) => wrap("csp", record(data.csp) ?? null) },
  { key: "breadcrumbs", entry: (data) => wrap("breadcrumbs", serializeBreadcrumbs(data.breadcrumbs)) },
  { key: "request", entry: (data) => wrap("request", serializeRequest(data.request)) },
  { key: "debug_meta", entry: (data) => wrap("debugmeta", serializeDebugMeta(data.debug_meta)) },
];

function wrap<T extends ApiEventEntry["type"]>(
  type: T,
  data: Extract<ApiEventEntry, { type: T }>["data"] | null,
): ApiEventEntry | null {
  return data === null ? null : ({ type, data } as ApiEventEntry);
}

/** The event's entries and, in the same order, the stored key each came from (for `_meta`). */
export function serializeEntries(data: Json): { entries: ApiEventEntry[]; keys: string[] } {
  const entries: ApiEventEntry[] = [];
  const keys: string[] = [];
  for (const { key, entry } of INTERFACES) {
    // A message entry needs a logentry: events without one keep their message in `message` only.
    if (key === "logentry" && !record(data.logentry)) continue;
    const built = entry(data);
    if (built) {
      entries.push(built);
      keys.push(key);
    }
  }
  return { entries, keys };
}
