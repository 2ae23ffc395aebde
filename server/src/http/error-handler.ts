import type { Logger } from "@faultline/runtime";
import type { NextFunction, Request, Response } from "express";
import { IngestError } from "../ingest/ingest-error";

/**
 * One place that turns errors into responses: `{"detail": "..."}` like Sentry, the right status,
 * and no stack traces to clients. Unexpected errors are logged with their stack.
 */
export function createErrorHandler(log: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    if (error instanceof IngestError) {
      if (error.status >= 500) log.error({ err: error.cause ?? error, path: req.path }, error.detail);
      res
        .status(error.status)
        .set({ ...error.headers, "X-Sentry-Error": error.detail })
        .json({ detail: error.detail });
      return;
    }
    const status = httpStatusOf(error);
    if (status !== undefined && status < 500) {
      res.status(status).json({ detail: status === 413 ? "request body too large" : "invalid request" });
      return;
    }
    log.error({ err: error, path: req.path }, "unhandled error");
    res.status(500).json({ detail: "internal server error" });
  };
}

function httpStatusOf(error: unknown): number | undefined {
  const status =
    (error as { status?: unknown; statusCode?: unknown } | null)?.status ??
    (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" ? status : undefined;
}
