import type { Request, Response } from "express";
import type { Scope } from "../auth/permissions";
import { unauthorized } from "./api-error";

export interface ApiUser {
  id: number;
  email: string;
  name: string;
  isSuperuser: boolean;
  /** Two-factor authentication is on (Sentry's `has2fa`); organizations with require2FA check it. */
  has2fa?: boolean;
}

/** Who is calling: a browser session or an API token, always on behalf of a user. */
export type Principal =
  | { via: "session"; user: ApiUser; sessionId: number; csrfToken: string }
  | { via: "token"; user: ApiUser; tokenId: number; tokenScopes: Scope[] };

export function setPrincipal(res: Response, principal: Principal): void {
  res.locals.principal = principal;
}

export function principalOf(res: Response): Principal | undefined {
  return res.locals.principal as Principal | undefined;
}

/** The caller, or 401. */
export function requirePrincipal(res: Response): Principal {
  const principal = principalOf(res);
  if (!principal) throw unauthorized();
  return principal;
}

/** Scopes a token limits the caller to (null: a session, limited by role only). */
export function tokenScopesOf(principal: Principal): Scope[] | null {
  return principal.via === "token" ? principal.tokenScopes : null;
}

export function clientIp(req: Request): string | null {
  return req.ip ?? null;
}
