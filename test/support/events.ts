import { randomUUID } from "node:crypto";
import { JOB_NAMES, generateEventId, userFieldsOf, type QueuedJob } from "@faultline/core";
import { createEventsRepo, type Database, type StoredEventInput } from "@faultline/db";

/** An event.process job as ingest queues it, and its event id. */
export function processEventJob(
  projectId: number,
  event: Record<string, unknown>,
): { eventId: string; job: QueuedJob } {
  const eventId = generateEventId();
  return {
    eventId,
    job: { name: JOB_NAMES.processEvent, data: { projectId, eventId, receivedAt: Date.now(), event } },
  };
}

export interface TestEventOptions {
  group?: string;
  title?: string;
  culprit?: string;
  level?: string;
  message?: string;
  tags?: [string, string][];
  user?: { id?: string; email?: string; ip_address?: string; username?: string; name?: string };
  timestamp?: Date;
  release?: string | null;
  environment?: string | null;
  eventId?: string;
}

/**
 * Stores an event the way the worker does (issue upsert, rollups), with a realistic normalized
 * payload: an exception with an in-app frame, a breadcrumb and a request.
 */
export async function storeTestEvent(db: Database, projectId: number, options: TestEventOptions = {}) {
  const group = options.group ?? "default";
  const title = options.title ?? `TypeError: ${group} failed`;
  const timestamp = options.timestamp ?? new Date();
  const user = options.user;
  const userKey = user?.id
    ? `id:${user.id}`
    : user?.email
      ? `email:${user.email}`
      : user?.ip_address
        ? `ip:${user.ip_address}`
        : null;
  const tags: [string, string][] = [
    ["level", options.level ?? "error"],
    ...(options.environment !== null ? [["environment", options.environment ?? "production"] as [string, string]] : []),
    ...(options.release ? [["release", options.release] as [string, string]] : []),
    ...(userKey ? [["user", userKey] as [string, string]] : []),
    ...(options.tags ?? []),
  ];
  const eventId = options.eventId ?? randomUUID().replace(/-/g, "");
  const input: StoredEventInput = {
    projectId,
    eventId,
    hashes: [`hash-${group}`],
    groupingVersion: "test",
    title,
    culprit: options.culprit ?? `app/${group}.js in handle`,
    level: options.level ?? "error",
    type: "error",
    metadata: { type: "TypeError", value: `${group} failed` },
    timestamp,
    receivedAt: timestamp,
    platform: "node",
    release: options.release ?? null,
    environment: options.environment === null ? null : (options.environment ?? "production"),
    message: options.message ?? "",
    tags,
    userKey,
    userFields: userFieldsOf(user),
    data: {
      event_id: eventId,
      timestamp: timestamp.getTime() / 1000,
      level: options.level ?? "error",
      platform: "node",
      type: "error",
      title,
      culprit: options.culprit ?? `app/${group}.js in handle`,
      metadata: { type: "TypeError", value: `${group} failed` },
      message: options.message ?? "",
      exception: {
        values: [
          {
            type: "TypeError",
            value: `${group} failed`,
            stacktrace: {
              frames: [
                { filename: "node:internal/timers", function: "listOnTimeout", in_app: false, lineno: 569 },
                {
                  filename: `app/${group}.js`,
                  function: "handle",
                  in_app: true,
                  lineno: 42,
                  context_line: "  throw err;",
                },
              ],
            },
          },
        ],
      },
      breadcrumbs: { values: [{ category: "http", message: "GET /cart", timestamp: timestamp.getTime() / 1000 }] },
      request: { url: "https://shop.example/cart", method: "GET" },
      ...(user ? { user } : {}),
      contexts: { runtime: { name: "node", version: "v20.0.0" } },
      tags,
      sdk: { name: "sentry.javascript.node", version: "8.0.0" },
      ...(options.release ? { release: options.release } : {}),
    },
  };
  const outcome = await createEventsRepo(db).storeEvent(input);
  if (!outcome.stored) throw new Error("test event was a duplicate");
  return { eventId, issueId: outcome.issueId };
}
