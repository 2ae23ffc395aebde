import { parseRequestAuth, type SentryAuth } from "@faultline/core";
import type { ServerResponse } from "node:http";
import { wrapAuth } from "./authenticate";
import type { IngestRequest } from "./ingest-http";

export function readRequestAuth(req: Pick<IngestRequest, "headers" | "query">): SentryAuth | null {
  return wrapAuth(() => parseRequestAuth({ headers: req.headers, query: req.query }));
}

/**
 * Answers an ingest request. Written straight to Node's response: Express's `res.json` would
 * also hash the body for an ETag and check freshness, which no SDK uses, on every event.
 */
export function sendResult(
  res: ServerResponse,
  result: { status: number; headers: Record<string, string>; responseId: string | undefined },
): void {
  const limited = result.status === 429;
  const body = limited ? RATE_LIMITED_BODY : result.responseId ? JSON.stringify({ id: result.responseId }) : "{}";
  res.writeHead(result.status, {
    ...result.headers,
    ...(limited ? { "X-Sentry-Error": "event submission rejected: rate limited" } : {}),
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(body);
}

const RATE_LIMITED_BODY = JSON.stringify({ detail: "rate limited" });
