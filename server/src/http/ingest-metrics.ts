import { ingestDuration, ingestRequests } from "@faultline/runtime";
import type { ServerResponse } from "node:http";
import type { NextFunction, Request, Response } from "express";

/** Counts and times every ingest request by endpoint (envelope, store, ...) and status. */
export function ingestMetrics(req: Request, res: Response, next: NextFunction): void {
  recordIngestRequest(res, () => /\/api\/[^/]+\/([a-z-]+)/.exec(req.originalUrl)?.[1] ?? "other");
  next();
}

/** Times one ingest request and counts its answer once the response is finished. */
export function recordIngestRequest(res: ServerResponse, endpointOf: () => string): void {
  const stop = ingestDuration.startTimer();
  res.once("finish", () => {
    const endpoint = endpointOf();
    stop({ endpoint });
    ingestRequests.inc({ endpoint, status: String(res.statusCode) });
  });
}
