import type { NextFunction, Request, Response } from "express";

/**
 * Relay's CORS policy for every ingest route (sentry-protocol.md §1.5). Browser SDKs must be
 * able to read status codes and rate-limit headers from any origin.
 */
export const INGEST_CORS_HEADERS: Readonly<Record<string, string>> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
  "Access-Control-Allow-Headers":
    "x-sentry-auth, x-requested-with, x-forwarded-for, origin, referer, accept, content-type, authentication, authorization, content-encoding, transfer-encoding, sentry-trace, baggage",
  "Access-Control-Expose-Headers": "x-sentry-error, x-sentry-rate-limits, retry-after",
  "Access-Control-Max-Age": "3600",
};

export function ingestCors(req: Request, res: Response, next: NextFunction): void {
  res.set(INGEST_CORS_HEADERS);
  if (req.method === "OPTIONS") {
    res.status(200).end();
    return;
  }
  next();
}
