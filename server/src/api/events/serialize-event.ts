import type { StoredEventRow } from "@faultline/db";

type Json = Record<string, unknown>;

function record(value: unknown): Json | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : undefined;
}

export function plainEventId(id: string): string {
  return id.replace(/-/g, "");
}

function tagsOf(row: StoredEventRow): { key: string; value: string }[] {
  const tags = Array.isArray(row.tags) ? row.tags : [];
  return tags.flatMap((pair) =>
    Array.isArray(pair) && typeof pair[0] === "string" && typeof pair[1] === "string"
      ? [{ key: pair[0], value: pair[1] }]
      : [],
  );
}

/** Sentry's `user` on events: the SDK's fields plus `data` for anything else. */
function userOf(data: Json) {
  const user = record(data.user);
  if (!user) return null;
  const { id, email, username, ip_address, name, ...rest } = user;
  return {
    id: id ?? null,
    email: email ?? null,
    username: username ?? null,
    ip_address: ip_address ?? null,
    name: name ?? null,
    data: Object.keys(rest).length ? rest : null,
  };
}

/**
 * Sentry's `entries`: the interfaces the issue page renders, in Sentry's order
 * (exception, stacktrace, threads, message, breadcrumbs, request).
 */
function entriesOf(data: Json) {
  const entries: { type: string; data: unknown }[] = [];
  const exception = record(data.exception);
  if (exception && Array.isArray(exception.values)) {
    const hasSystemFrames = exception.values.some((value) =>
      (record(record(value)?.stacktrace)?.frames as unknown[] | undefined)?.some(
        (frame) => record(frame)?.in_app !== true,
      ),
    );
    entries.push({ type: "exception", data: { values: exception.values, excOmitted: null, hasSystemFrames } });
  }
  if (record(data.stacktrace)) entries.push({ type: "stacktrace", data: data.stacktrace });
  const threads = record(data.threads);
  if (threads && Array.isArray(threads.values)) entries.push({ type: "threads", data: { values: threads.values } });
  const logentry = record(data.logentry);
  if (typeof data.message === "string" && data.message !== "" && !exception) {
    entries.push({
      type: "message",
      data: { formatted: data.message, message: logentry?.message ?? data.message, params: logentry?.params ?? null },
    });
  }
  const breadcrumbs = record(data.breadcrumbs);
  if (breadcrumbs && Array.isArray(breadcrumbs.values))
    entries.push({ type: "breadcrumbs", data: { values: breadcrumbs.values } });
  const request = record(data.request);
  if (request) entries.push({ type: "request", data: request });
  const csp = record(data.csp);
  if (csp) entries.push({ type: "csp", data: csp });
  return entries;
}

/** The list form (`/issues/{id}/events/` without `full`). */
export function serializeEventSummary(row: StoredEventRow) {
  const data = record(row.data) ?? {};
  return {
    id: plainEventId(row.event_id),
    eventID: plainEventId(row.event_id),
    groupID: String(row.issue_id),
    projectID: String(row.project_id),
    title: row.title,
    message: row.message,
    platform: row.platform,
    "event.type": typeof data.type === "string" ? data.type : "error",
    dateCreated: row.timestamp.toISOString(),
    dateReceived: row.received_at.toISOString(),
    tags: tagsOf(row),
    user: userOf(data),
  };
}

/** The full event, as `GET /api/0/projects/{org}/{project}/events/{id}/` answers in Sentry. */
export function serializeEvent(
  row: StoredEventRow,
  neighbours?: { previous: string | null; next: string | null },
  hashes: string[] = [],
) {
  const data = record(row.data) ?? {};
  return {
    ...serializeEventSummary(row),
    type: typeof data.type === "string" ? data.type : "error",
    culprit: typeof data.culprit === "string" ? data.culprit : "",
    location: typeof data.culprit === "string" ? data.culprit : null,
    metadata: data.metadata ?? {},
    entries: entriesOf(data),
    contexts: data.contexts ?? {},
    context: data.extra ?? {},
    sdk: data.sdk ?? null,
    packages: data.modules ?? {},
    release: row.release ? { version: row.release, shortVersion: row.release } : null,
    environment: row.environment,
    dist: data.dist ?? null,
    fingerprints: hashes,
    errors: Array.isArray(data.errors) ? data.errors : [],
    size: JSON.stringify(data).length,
    crashFile: null,
    userReport: null,
    sdkUpdates: [],
    occurrence: null,
    previousEventID: neighbours?.previous ?? null,
    nextEventID: neighbours?.next ?? null,
  };
}
