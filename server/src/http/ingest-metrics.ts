import { ingestDuration, ingestRequests } from "@faultline/runtime";
import type { NextFunction, Request, Response } from "express";

/** Counts and times every ingest request by endpoint (envelope, store, ...) and status. */
export function ingestMetrics(req: Request, res: Response, next: NextFunction): void {
  const stop = ingestDuration.startTimer();
  res.once("finish", () => {
    const endpoint = /\/api\/[^/]+\/([a-z-]+)/.exec(req.originalUrl)?.[1] ?? "other";
    stop({ endpoint });
    ingestRequests.inc({ endpoint, status: String(res.statusCode) });
  });
  next();
}
