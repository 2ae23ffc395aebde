import type { Request, Response } from "express";

export const SESSION_COOKIE = "fl_session";
/** Readable by the dashboard's scripts, which echo it in X-CSRFToken (double submit). */
export const CSRF_COOKIE = "fl_csrf";
export const CSRF_HEADER = "x-csrftoken";

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export interface CookieOptions {
  secure: boolean;
  path: string;
}

export function setSessionCookies(
  res: Response,
  values: { session: string; csrf: string; maxAgeMs: number },
  options: CookieOptions,
): void {
  const common = { secure: options.secure, sameSite: "lax" as const, path: options.path, maxAge: values.maxAgeMs };
  res.cookie(SESSION_COOKIE, values.session, { ...common, httpOnly: true });
  res.cookie(CSRF_COOKIE, values.csrf, { ...common, httpOnly: false });
}

export function clearSessionCookies(res: Response, options: CookieOptions): void {
  res.clearCookie(SESSION_COOKIE, { path: options.path, secure: options.secure, sameSite: "lax", httpOnly: true });
  res.clearCookie(CSRF_COOKIE, { path: options.path, secure: options.secure, sameSite: "lax" });
}
