import { z } from "zod";
import type { SessionAggregate, SessionUpdate } from "../contracts/sessions-job";

/** Relay drops updates older than this or starting in the future (sentry-protocol.md §9.1). */
const MAX_AGE_MS = 5 * 24 * 3600 * 1000;
const MAX_FUTURE_MS = 5 * 60 * 1000;

const attrs = z.object({
  release: z.string().trim().min(1).max(250),
  environment: z.string().max(64).optional(),
});

const sessionSchema = z.object({
  sid: z.string().max(64).optional(),
  did: z.union([z.string(), z.number()]).optional(),
  init: z.boolean().optional(),
  started: z.union([z.string(), z.number()]),
  status: z.enum(["ok", "exited", "crashed", "abnormal", "errored"]).default("ok"),
  errors: z.number().int().nonnegative().default(0),
  attrs,
});

const sessionsSchema = z.object({
  aggregates: z
    .array(
      z.object({
        started: z.union([z.string(), z.number()]),
        exited: z.number().int().nonnegative().default(0),
        errored: z.number().int().nonnegative().default(0),
        crashed: z.number().int().nonnegative().default(0),
        abnormal: z.number().int().nonnegative().default(0),
      }),
    )
    .max(100),
  attrs,
});

export type SessionParse<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A `session` item; a reason when it is malformed or outside the accepted time range. */
export function parseSessionUpdate(payload: unknown, now: number): SessionParse<SessionUpdate> {
  const parsed = sessionSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, reason: "invalid_session" };
  const session = parsed.data;
  const started = toMillis(session.started);
  if (started === null || !inRange(started, now)) return { ok: false, reason: "session_timestamp" };
  return {
    ok: true,
    value: {
      ...(session.sid ? { sid: session.sid } : {}),
      ...(session.did !== undefined ? { did: String(session.did).slice(0, 256) } : {}),
      init: session.init === true,
      started,
      status: session.status,
      errors: session.errors,
      release: session.attrs.release,
      environment: session.attrs.environment ?? "",
    },
  };
}

/** A `sessions` item: pre-aggregated buckets; buckets out of range are left out. */
export function parseSessionAggregates(payload: unknown, now: number): SessionParse<SessionAggregate[]> {
  const parsed = sessionsSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, reason: "invalid_sessions" };
  const { aggregates, attrs: bucketAttrs } = parsed.data;
  const buckets: SessionAggregate[] = [];
  for (const bucket of aggregates) {
    const started = toMillis(bucket.started);
    if (started === null || !inRange(started, now)) continue;
    buckets.push({
      started,
      release: bucketAttrs.release,
      environment: bucketAttrs.environment ?? "",
      exited: bucket.exited,
      errored: bucket.errored,
      crashed: bucket.crashed,
      abnormal: bucket.abnormal,
    });
  }
  return { ok: true, value: buckets };
}

function toMillis(value: string | number): number | null {
  const ms = typeof value === "number" ? value * 1000 : Date.parse(value);
  return Number.isFinite(ms) ? Math.floor(ms) : null;
}

function inRange(started: number, now: number): boolean {
  return started >= now - MAX_AGE_MS && started <= now + MAX_FUTURE_MS;
}
