import type { Logger } from "@faultline/runtime";
import type { NextFunction, Request, Response } from "express";
import type { IncomingMessage, ServerResponse } from "node:http";
import { IngestError } from "../ingest/ingest-error";

/** The Express error middleware: every error of the app answers through `answerError`. */
export function createErrorHandler(log: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    answerError(log, req, res, error);
  };
}

/**
 * One place that turns errors into responses: `{"detail": "..."}` like Sentry, the right status,
 * and no stack traces to clients. Unexpected errors are logged with their stack. Works on Node's
 * own request and response, so the ingest fast path answers exactly as the Express app does.
 */
export function answerError(log: Logger, req: IncomingMessage, res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  const path = (req.url ?? "").split("?")[0];
  if (error instanceof IngestError) {
    if (error.status >= 500) log.error({ err: error.cause ?? error, path }, error.detail);
    writeDetail(res, error.status, error.detail, { ...error.headers, "X-Sentry-Error": error.detail });
    return;
  }
  const status = httpStatusOf(error);
  if (status !== undefined && status < 500) {
    writeDetail(res, status, status === 413 ? "request body too large" : "invalid request");
    return;
  }
  log.error({ err: error, path }, "unhandled error");
  writeDetail(res, 500, "internal server error");
}

function writeDetail(res: ServerResponse, status: number, detail: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ detail });
  res.writeHead(status, {
    ...headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(body);
}

function httpStatusOf(error: unknown): number | undefined {
  const status =
    (error as { status?: unknown; statusCode?: unknown } | null)?.status ??
    (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" ? status : undefined;
}
