import { outcome } from "@faultline/core";
import type { OutcomeBuffer } from "@faultline/runtime";
import type { NextFunction, Request, Response } from "express";
import type { IngestDeps } from "./ingest.router";
import { IngestError } from "./ingest-error";
import type { IngestResponse } from "./ingest-http";

/** Set by routes once the key is known, so refusals after that count against the project. */
export function setProject(res: Pick<IngestResponse, "locals">, projectId: number): void {
  res.locals.projectId = projectId;
}

/**
 * Error middleware of the ingest router: a malformed request from a known project is counted
 * as outcome `invalid` with a reason, then handed on to the app's error handler unchanged.
 */
export function countInvalid(deps: Pick<IngestDeps, "outcomes">) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    countInvalidOutcome(deps.outcomes, res.locals.projectId, error);
    next(error);
  };
}

/** Counts a refusal as outcome `invalid` (with its reason) when the project is known. */
export function countInvalidOutcome(outcomes: OutcomeBuffer, projectId: unknown, error: unknown): void {
  const reason = error instanceof IngestError ? invalidReason(error) : null;
  if (typeof projectId === "number" && reason) outcomes.add([outcome(projectId, "invalid", "error", 1, reason)]);
}

function invalidReason(error: IngestError): string | null {
  if (error.status === 413) return "too_large";
  if (error.status === 415) return "unsupported_media";
  if (error.status !== 400) return null;
  if (error.detail.startsWith("invalid envelope")) return "invalid_envelope";
  if (error.detail.includes("JSON")) return "invalid_json";
  return "invalid_request";
}
