import type { NextFunction, Request, Response } from "express";
import { forbidden } from "../api/api-error";
import { principalOf } from "../api/principal";
import { CSRF_HEADER } from "./cookies";
import { safeEqual } from "./secrets";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF protection for cookie-authenticated writes, two layers:
 * 1. Origin check — a browser sends `Origin` on every cross-site POST/PUT/DELETE; if present it
 *    must be PUBLIC_URL's origin (or the request's own host, for installs reached by several names
 *    behind the same proxy).
 * 2. Synchronizer token — the session's CSRF token (also in the readable `fl_csrf` cookie) must
 *    come back in `X-CSRFToken`. Another site can make the browser send the cookie, but it can
 *    neither read it nor set the header.
 * Bearer-token requests are not exposed to CSRF (browsers never add the header by themselves).
 * Login and first-run set-up run the origin check too (login CSRF).
 */
export function checkOrigin(req: Request, publicUrl: string): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  const allowed = new Set([new URL(publicUrl).origin, `${req.protocol}://${req.get("host") ?? ""}`]);
  if (!allowed.has(origin)) throw forbidden("CSRF check failed: cross-origin request");
}

export function createCsrfCheck(publicUrl: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const principal = principalOf(res);
    if (SAFE_METHODS.has(req.method) || principal?.via !== "session") {
      next();
      return;
    }
    checkOrigin(req, publicUrl);
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== "string" || !safeEqual(sent, principal.csrfToken))
      throw forbidden("CSRF check failed: missing or wrong X-CSRFToken header");
    next();
  };
}
