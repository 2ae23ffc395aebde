import { authenticate } from "./authenticate";
import { parseOrReject } from "./envelope.route";
import { planEnvelope } from "./envelope-items";
import { eventJob, parseEventJson } from "./event-payload";
import type { IngestDeps } from "./ingest.router";
import { IngestError } from "./ingest-error";
import type { IngestRequest, IngestResponse } from "./ingest-http";
import { setProject } from "./invalid-outcomes";
import { emptyPlan } from "./plan";
import { inflateLimited, readBody } from "./read-body";
import { readRequestAuth, sendResult } from "./request-auth";
import { submitPlan } from "./submit";

/** `/store/`: one JSON event from older SDKs and raven clients (sentry-protocol.md §2.3). */
export function createStoreRoute(deps: IngestDeps) {
  return async (req: IngestRequest, res: IngestResponse): Promise<void> => {
    const requestAuth = readRequestAuth(req);
    const key = await authenticate(req.params.projectId, { request: requestAuth }, deps.keys);
    setProject(res, key.projectId);
    const context = { projectId: key.projectId, receivedAt: Date.now(), clientIp: req.ip };
    // Some proxies post envelopes to /store/ with the envelope content type.
    if (/^application\/x-sentry-envelope/i.test(req.headers["content-type"] ?? "")) {
      const body = await readBody(req, deps.limits);
      if (body.length === 0) throw new IngestError(400, "empty request body");
      sendResult(res, await submitPlan(deps, key, planEnvelope(parseOrReject(body), context, deps.limits)));
      return;
    }
    const body = await readBody(req, {
      maxCompressed: deps.limits.maxCompressed,
      maxDecompressed: deps.limits.maxEventBytes,
    });
    if (body.length === 0) throw new IngestError(400, "empty request body");
    const json = decodeStorePayload(body, deps.limits.maxEventBytes);
    const client = requestAuth?.client ?? "";
    const repair = /^(raven|sentry)-python\//.test(client) || client.startsWith("sentry.python");
    const event = parseEventJson(json, "event", repair);
    const job = eventJob(event, context);
    const plan = emptyPlan(key.projectId);
    plan.responseId = job.eventId;
    // Old SDKs sent transactions here: counted as transactions, never stored as errors.
    plan.limited.push(
      event.type === "transaction"
        ? { category: "transaction", dependents: [] }
        : { category: "error", event: job, dependents: [] },
    );
    sendResult(res, await submitPlan(deps, key, plan));
  };
}

/** Legacy clients wrap store bodies as base64, or base64 of zlib (§2.3). */
function decodeStorePayload(body: Buffer, maxBytes: number): Buffer {
  const first = firstNonSpace(body);
  // JSON (an object, or something else JSON that parseEventJson will name as wrong).
  if (first === 0x7b /* { */ || first === 0x5b /* [ */ || first === 0x22 /* " */) return body;
  const decoded = Buffer.from(body.toString("latin1").trim(), "base64");
  if (decoded.length === 0) throw new IngestError(400, "invalid request body: not JSON");
  if (firstNonSpace(decoded) === 0x7b) return decoded;
  return inflateLimited(decoded, maxBytes);
}

function firstNonSpace(buffer: Buffer): number | undefined {
  for (const byte of buffer) {
    if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return byte;
  }
  return undefined;
}
