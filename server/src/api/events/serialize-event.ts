import { GROUPING_VERSION, type ApiEventTag, type ApiEventUser } from "@faultline/core";
import type { StoredEventRow } from "@faultline/db";
import { serializeEntries } from "./event-entries";
import { serializeEventErrors } from "./event-errors";
import { serializeEventMeta } from "./event-meta";
import { record, text, type Json } from "./json";
import { serializeContexts } from "./serialize-contexts";

export function plainEventId(id: string): string {
  return id.replace(/-/g, "");
}

/** Sentry's `convert_user_tag_to_query`: the `user` tag `id:42` searches as `user.id:"42"`. */
const USER_TAG_FIELDS: Record<string, string> = { id: "id", email: "email", username: "username", ip: "ip" };

function tagOf(key: string, value: string): ApiEventTag {
  if (key !== "user") return { key, value };
  const colon = value.indexOf(":");
  const field = colon > 0 ? USER_TAG_FIELDS[value.slice(0, colon)] : undefined;
  if (!field) return { key, value };
  return { key, value, query: `user.${field}:"${value.slice(colon + 1).replace(/["\\]/g, "\\$&")}"` };
}

function tagsOf(row: StoredEventRow): ApiEventTag[] {
  const tags = Array.isArray(row.tags) ? row.tags : [];
  return tags.flatMap((pair) =>
    Array.isArray(pair) && typeof pair[0] === "string" && typeof pair[1] === "string" ? [tagOf(pair[0], pair[1])] : [],
  );
}

/** Sentry's `user` on events: the SDK's fields, `geo`, and `data` for anything else. */
function userOf(data: Json): ApiEventUser | null {
  const user = record(data.user);
  if (!user) return null;
  const { id, email, username, ip_address, name, geo, data: userData, ...rest } = user;
  const extra = { ...record(userData), ...rest };
  return {
    id: id ?? null,
    email: email ?? null,
    username: username ?? null,
    ip_address: ip_address ?? null,
    name: name ?? null,
    geo: record(geo) ?? null,
    data: Object.keys(extra).length ? extra : null,
  };
}

function eventType(data: Json): string {
  return typeof data.type === "string" ? data.type : "error";
}

/** The list form (`/issues/{id}/events/` without `full`): Sentry's `SimpleEventSerializer`. */
export function serializeEventSummary(row: StoredEventRow) {
  const data = record(row.data) ?? {};
  const metadata = record(data.metadata) ?? {};
  return {
    id: plainEventId(row.event_id),
    "event.type": eventType(data),
    groupID: String(row.issue_id),
    eventID: plainEventId(row.event_id),
    projectID: String(row.project_id),
    message: row.message,
    title: row.title,
    location: text(metadata.filename),
    culprit: text(data.culprit) ?? "",
    user: userOf(data),
    tags: tagsOf(row),
    platform: row.platform,
    dateCreated: row.timestamp.toISOString(),
    dateReceived: row.received_at.toISOString(),
    crashFile: null,
  };
}

/** Sentry's `UserReportSerializer`: the feedback a user sent about this event. */
export function serializeUserReport(report: {
  id: bigint;
  event_id: string;
  name: string;
  email: string;
  comments: string;
  created_at: Date;
}) {
  const eventID = plainEventId(report.event_id);
  return {
    id: String(report.id),
    eventID,
    name: report.name,
    email: report.email,
    comments: report.comments,
    dateCreated: report.created_at.toISOString(),
    user: null,
    event: { id: eventID, eventID },
  };
}

/**
 * The full event, as `GET /api/0/projects/{org}/{project}/events/{id}/` answers in Sentry
 * (`EventSerializer` + `DetailedEventSerializer`): interfaces as `entries` in their API shapes.
 * The stored event keeps the SDK's field names; only this answer is in Sentry's API names.
 */
export function serializeEvent(
  row: StoredEventRow,
  neighbours?: { previous: string | null; next: string | null },
  hashes: string[] = [],
  /** The release as its own endpoint answers it (or `{version}`); absent: `{version}` from the event. */
  release?: object | null,
) {
  const data = record(row.data) ?? {};
  const { entries, keys } = serializeEntries(data);
  const sdk = record(data.sdk);
  return {
    ...serializeEventSummary(row),
    type: eventType(data),
    size: Buffer.byteLength(JSON.stringify(row.data)),
    entries,
    dist: text(data.dist),
    contexts: serializeContexts(data.contexts),
    sdk: sdk ? { name: sdk.name ?? null, version: sdk.version ?? null } : null,
    context: record(data.extra) ?? {},
    packages: record(data.modules) ?? {},
    metadata: record(data.metadata) ?? {},
    // Sentry sorts an event's tags by key.
    tags: tagsOf(row).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    errors: serializeEventErrors(data.errors),
    occurrence: null,
    _meta: serializeEventMeta(data._meta, keys),
    fingerprints: hashes,
    // Faultline has no stack-trace rules (Sentry's enhancements): the grouping version alone.
    groupingConfig: { id: GROUPING_VERSION, enhancements: "" },
    release: release !== undefined ? release : row.release ? { version: row.release } : null,
    environment: row.environment,
    userReport: null,
    sdkUpdates: [],
    resolvedWith: [],
    previousEventID: neighbours?.previous ?? null,
    nextEventID: neighbours?.next ?? null,
  };
}
