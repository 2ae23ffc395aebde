import { outcome } from "@faultline/core";
import type { NextFunction, Request, Response } from "express";
import type { IngestDeps } from "./ingest.router";
import { IngestError } from "./ingest-error";

/** Set by routes once the key is known, so refusals after that count against the project. */
export function setProject(res: Response, projectId: number): void {
  res.locals.projectId = projectId;
}

/**
 * Error middleware of the ingest router: a malformed request from a known project is counted
 * as outcome `invalid` with a reason, then handed on to the app's error handler unchanged.
 */
export function countInvalid(deps: Pick<IngestDeps, "outcomes">) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    const projectId = res.locals.projectId as number | undefined;
    const reason = error instanceof IngestError ? invalidReason(error) : null;
    if (projectId !== undefined && reason) deps.outcomes.add([outcome(projectId, "invalid", "error", 1, reason)]);
    next(error);
  };
}

function invalidReason(error: IngestError): string | null {
  if (error.status === 413) return "too_large";
  if (error.status === 415) return "unsupported_media";
  if (error.status !== 400) return null;
  if (error.detail.startsWith("invalid envelope")) return "invalid_envelope";
  if (error.detail.includes("JSON")) return "invalid_json";
  return "invalid_request";
}
