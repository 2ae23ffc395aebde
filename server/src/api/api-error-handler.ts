import { SearchSyntaxError } from "@faultline/core";
import { isStatementTimeout } from "@faultline/db";
import type { Logger } from "@faultline/runtime";
import type { NextFunction, Request, Response } from "express";
import { ApiError } from "./api-error";

/** The API's error shape, `{"detail": "..."}` as Sentry answers; never a stack trace. */
export function createApiErrorHandler(log: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) {
      // A streamed export failed half-way: cut the connection so the client sees it incomplete.
      log.error({ err: error, path: req.path }, "api error after the response started");
      req.socket.destroy();
      return;
    }
    if (error instanceof ApiError) {
      res.status(error.status).set(error.headers).json({ detail: error.detail });
      return;
    }
    if (error instanceof SearchSyntaxError) {
      res.status(400).json({ detail: `Invalid search query: ${error.message}` });
      return;
    }
    if (isStatementTimeout(error)) {
      // API_STATEMENT_TIMEOUT_MS fired: the database gave up on this request, not on the server.
      log.warn({ path: req.path }, "api query cancelled by the statement timeout");
      res
        .status(503)
        .set("Retry-After", "30")
        .json({ detail: "The query took too long and was cancelled; narrow the search or try again later." });
      return;
    }
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      const type = (error as { type?: unknown }).type;
      const detail =
        status === 413
          ? "Request body too large"
          : type === "entity.parse.failed"
            ? "Malformed JSON body"
            : "Invalid request";
      res.status(status).json({ detail });
      return;
    }
    log.error({ err: error, path: req.path }, "unhandled api error");
    res.status(500).json({ detail: "Internal server error" });
  };
}
