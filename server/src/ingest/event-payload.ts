import { isUtf8 } from "node:buffer";
import {
  MAX_JSON_DEPTH,
  generateEventId,
  jsonDepthExceeds,
  normalizeEventId,
  type ProcessEventJob,
} from "@faultline/core";
import { IngestError } from "./ingest-error";

/** Parses an event body; anything but a JSON object is a 400 naming what was wrong. */
export function parseEventJson(
  payload: Buffer | string,
  what: string,
  repairNonFinite = false,
): Record<string, unknown> {
  const bytes = typeof payload === "string" ? Buffer.from(payload) : payload;
  if (!isUtf8(bytes)) throw new IngestError(400, `${what} is not valid UTF-8`);
  if (jsonDepthExceeds(bytes, MAX_JSON_DEPTH))
    throw new IngestError(400, `${what} is nested too deeply (over ${MAX_JSON_DEPTH} levels)`);
  let text = bytes.toString("utf8");
  // raven-python and sentry-python can emit NaN/Infinity, which JSON does not allow (§2.3).
  // (The regex is costly on every Python event; most carry neither word.)
  if (repairNonFinite && (text.includes("NaN") || text.includes("Infinity")))
    text = text.replace(/(?<=[:,[\s])(-?Infinity|NaN)(?=[\s,\]}])/g, "null");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new IngestError(400, `${what} is not valid JSON`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new IngestError(400, `${what} must be a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

/** JSON for items whose failure only drops the item (sessions, reports): undefined when broken. */
export function tryParseJson(payload: Buffer): unknown {
  if (!isUtf8(payload) || jsonDepthExceeds(payload, MAX_JSON_DEPTH)) return undefined;
  try {
    return JSON.parse(payload.toString("utf8"));
  } catch {
    return undefined;
  }
}

export interface JobContext {
  projectId: number;
  receivedAt: number;
  clientIp: string | undefined;
}

/**
 * The event id an SDK will be told: the envelope header's (it wins over the payload's, as in
 * Relay), else the payload's, else a new one. Ids that are not UUIDs (some test payloads use
 * them) are replaced rather than refused.
 */
export function eventJob(event: Record<string, unknown>, context: JobContext, envelopeId?: unknown): ProcessEventJob {
  const eventId = normalizeEventId(envelopeId) ?? normalizeEventId(event.event_id) ?? generateEventId();
  return {
    projectId: context.projectId,
    eventId,
    receivedAt: context.receivedAt,
    ...(context.clientIp ? { clientIp: context.clientIp } : {}),
    event,
  };
}
