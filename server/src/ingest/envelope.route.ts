import { EnvelopeError, parseEnvelope, type Envelope } from "@faultline/core";
import { authenticate } from "./authenticate";
import { planEnvelope } from "./envelope-items";
import type { IngestDeps } from "./ingest.router";
import { IngestError } from "./ingest-error";
import type { IngestRequest, IngestResponse } from "./ingest-http";
import { setProject } from "./invalid-outcomes";
import { readBody } from "./read-body";
import { readRequestAuth, sendResult } from "./request-auth";
import { submitPlan } from "./submit";

export function createEnvelopeRoute(deps: IngestDeps) {
  return async (req: IngestRequest, res: IngestResponse): Promise<void> => {
    const requestAuth = readRequestAuth(req);
    // With header/query credentials the key is checked before the body is read.
    if (requestAuth) {
      const key = await authenticate(req.params.projectId, { request: requestAuth }, deps.keys);
      setProject(res, key.projectId);
    }
    const body = await readBody(req, deps.limits);
    if (body.length === 0) throw new IngestError(400, "empty request body");
    const envelope = parseOrReject(body);
    const key = await authenticate(
      req.params.projectId,
      { request: requestAuth, envelopeDsn: envelope.headers.dsn },
      deps.keys,
    );
    setProject(res, key.projectId);
    const plan = planEnvelope(
      envelope,
      { projectId: key.projectId, receivedAt: Date.now(), clientIp: req.ip },
      deps.limits,
    );
    sendResult(res, await submitPlan(deps, key, plan));
  };
}

export function parseOrReject(body: Buffer): Envelope {
  try {
    return parseEnvelope(body);
  } catch (error) {
    if (error instanceof EnvelopeError) throw new IngestError(400, `invalid envelope: ${error.message}`);
    throw error;
  }
}
