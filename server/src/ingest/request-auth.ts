import { parseRequestAuth, type SentryAuth } from "@faultline/core";
import type { Request, Response } from "express";
import { wrapAuth } from "./authenticate";

export function readRequestAuth(req: Request): SentryAuth | null {
  return wrapAuth(() => parseRequestAuth({ headers: req.headers, query: req.query as Record<string, unknown> }));
}

export function sendResult(
  res: Response,
  result: { status: number; headers: Record<string, string>; responseId: string | undefined },
): void {
  res.status(result.status).set(result.headers);
  if (result.status === 429) {
    res.set("X-Sentry-Error", "event submission rejected: rate limited").json({ detail: "rate limited" });
    return;
  }
  res.json(result.responseId ? { id: result.responseId } : {});
}
