import { createAccountLinksRepo, type Database } from "@faultline/db";
import { Router } from "express";
import { z } from "zod";
import { forbidden, notFound } from "../api-error";
import type { AccountAuditTrail } from "../audit";
import { requirePrincipal, type Principal } from "../principal";
import { parse } from "../validate";
import { serializeUser } from "./serialize-user";

const profileBody = z.object({ name: z.string().trim().min(1, "must not be empty").max(200) }).strict();

/** Sessions are credentials: only a signed-in browser sees or ends them, never an API token. */
function requireSession(principal: Principal): Extract<Principal, { via: "session" }> {
  if (principal.via !== "session")
    throw forbidden("Sessions can only be seen and ended from a signed-in browser session, not with an API token.");
  return principal;
}

/**
 * What the account page changes besides the password (accounts.router): the user's name
 * (`PUT /users/me/`, Sentry's path), and their browser sessions — listed, and ended everywhere
 * but here ("sign out everywhere").
 */
export function createAccountPageRouter(deps: { db: Database; audit: AccountAuditTrail }): Router {
  const links = createAccountLinksRepo(deps.db);
  const router = Router();

  const self = (userId: string | undefined, principal: Principal) => {
    if (userId !== "me" && userId !== String(principal.user.id)) throw notFound();
  };

  router.put("/users/:userId/", async (req, res) => {
    const principal = requirePrincipal(res);
    self(req.params.userId, principal);
    // Renaming yourself is harmless, but a read-only token must stay read-only.
    if (principal.via === "token" && !principal.tokenScopes.includes("write"))
      throw forbidden('This token lacks the "write" scope.');
    const body = parse(profileBody, req.body);
    await links.setName(principal.user.id, body.name);
    res.json(serializeUser({ ...principal.user, name: body.name }));
  });

  router.get("/users/:userId/sessions/", async (req, res) => {
    const principal = requireSession(requirePrincipal(res));
    self(req.params.userId, principal);
    const sessions = await links.listSessions(principal.user.id, new Date());
    res.json(
      sessions.map((session) => ({
        id: String(session.id),
        current: session.id === principal.sessionId,
        dateCreated: session.createdAt.toISOString(),
        expires: session.expiresAt.toISOString(),
      })),
    );
  });

  router.delete("/users/:userId/sessions/", async (req, res) => {
    const principal = requireSession(requirePrincipal(res));
    self(req.params.userId, principal);
    const { count } = await links.deleteOtherSessions(principal.user.id, principal.sessionId);
    await deps.audit(req, principal, "user.sessions-end", principal.user.email, { ended: count });
    res.json({ ended: count });
  });

  return router;
}
