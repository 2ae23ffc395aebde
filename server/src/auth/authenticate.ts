import { createSessionsRepo, createTokensRepo, type Database } from "@faultline/db";
import type { NextFunction, Request, Response } from "express";
import { unauthorized } from "../api/api-error";
import { setPrincipal } from "../api/principal";
import { SESSION_COOKIE, readCookie } from "./cookies";
import { SCOPES, type Scope } from "./permissions";
import { sha256 } from "./secrets";

/** The user as the API sees them; `has2fa` is Sentry's name for "two-factor authentication is on". */
function apiUserOf(user: {
  id: number;
  email: string;
  name: string;
  isSuperuser: boolean;
  totpEnabledAt: Date | null;
}) {
  const { totpEnabledAt, ...rest } = user;
  return { ...rest, has2fa: totpEnabledAt !== null };
}

/**
 * Finds the caller: `Authorization: Bearer <token>` (automation) or the session cookie (the
 * dashboard). A bad bearer token is a 401 at once — a script should hear its token is wrong,
 * not get an anonymous view. A stale cookie just means "not logged in".
 */
export function createAuthenticate(db: Database) {
  const tokens = createTokensRepo(db);
  const sessions = createSessionsRepo(db);
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const now = new Date();
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match?.[1]) throw unauthorized('Invalid authorization header: expected "Bearer <token>".');
      const token = await tokens.findLive(sha256(match[1]), now);
      if (!token) throw unauthorized("Invalid token");
      await tokens.touch(token.id, token.lastUsedAt, now);
      setPrincipal(res, {
        via: "token",
        user: apiUserOf(token.user),
        tokenId: token.id,
        tokenScopes: token.scopes.filter((scope): scope is Scope => (SCOPES as string[]).includes(scope)),
      });
      next();
      return;
    }
    const cookie = readCookie(req, SESSION_COOKIE);
    if (cookie) {
      const session = await sessions.findLive(sha256(cookie), now);
      if (session)
        setPrincipal(res, {
          via: "session",
          user: apiUserOf(session.user),
          sessionId: session.id,
          csrfToken: session.csrfToken,
        });
    }
    next();
  };
}
