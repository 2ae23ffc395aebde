import { loginBody, passwordChangeBody, setupBody } from "@faultline/core";
import { Router, type Request, type Response } from "express";
import { clearSessionCookies, setSessionCookies, type CookieOptions } from "../../auth/cookies";
import { checkOrigin } from "../../auth/csrf";
import { sentryScopeNames, SCOPES } from "../../auth/permissions";
import { badRequest, forbidden, notFound } from "../api-error";
import type { AccountAuditTrail } from "../audit";
import { clientIp, principalOf, requirePrincipal } from "../principal";
import { parse } from "../validate";
import type { AccountsService } from "./accounts.service";
import { serializeUser } from "./serialize-user";

/**
 * `GET /api/0/` (what sentry-cli calls to check a token), first-run set-up, login/logout, the
 * current user and password change.
 */
export function createAccountsRouter(
  service: AccountsService,
  cookies: CookieOptions,
  publicUrl: string,
  audit: AccountAuditTrail,
): Router {
  const router = Router();

  router.get("/", (_req, res) => {
    const principal = principalOf(res);
    const scopes = principal?.via === "token" ? principal.tokenScopes : principal ? [...SCOPES] : [];
    res.json({
      version: "0",
      auth: principal ? { scopes: sentryScopeNames(scopes) } : null,
      user: principal ? serializeUser(principal.user) : null,
    });
  });

  router.get("/auth/setup/", async (_req, res) => {
    const needsSetup = await service.needsSetup();
    // Projects created from the command line before set-up made their organizations: the
    // first account owns them, and the set-up page adopts them instead of making another.
    res.json({ needsSetup, organizations: needsSetup ? await service.existingOrganizations() : [] });
  });

  router.post("/auth/setup/", async (req, res) => {
    checkOrigin(req, publicUrl);
    const body = parse(setupBody, req.body);
    const { user, session } = await service.setUp(body);
    setSessionCookies(res, session, cookies);
    res.status(201).json({ user: serializeUser(user), csrfToken: session.csrf });
  });

  router.post("/auth/login/", async (req, res) => {
    checkOrigin(req, publicUrl);
    const body = parse(loginBody, req.body);
    const result = await service.login(body, clientIp(req));
    if ("pendingLogin" in result) {
      // The password was right; the session waits for the code (POST /auth/login/two-factor/).
      res.json({ twoFactorRequired: true, pendingLogin: result.pendingLogin });
      return;
    }
    setSessionCookies(res, result.session, cookies);
    res.json({ user: serializeUser(result.user), csrfToken: result.session.csrf });
  });

  const logout = async (_req: Request, res: Response) => {
    const principal = principalOf(res);
    if (principal?.via === "session") await service.logout(principal.sessionId);
    clearSessionCookies(res, cookies);
    res.status(204).end();
  };
  router.post("/auth/logout/", logout);
  router.delete("/auth/", logout);

  router.get("/users/me/", async (_req, res) => {
    const principal = requirePrincipal(res);
    const user = await service.findUser(principal.user.id);
    if (!user) throw notFound();
    res.json(serializeUser({ ...user, has2fa: principal.user.has2fa ?? false }));
  });

  router.put("/users/:userId/password/", async (req, res) => {
    const principal = requirePrincipal(res);
    if (req.params.userId !== "me" && req.params.userId !== String(principal.user.id)) throw notFound();
    // A leaked token, even a read-only one, must not be enough to take over the account.
    if (principal.via !== "session")
      throw forbidden(
        "Account credentials can only be changed from a signed-in browser session, with the current password; API tokens cannot change them.",
      );
    const body = parse(passwordChangeBody, req.body);
    if (body.passwordVerify !== undefined && body.passwordVerify !== body.passwordNew)
      throw badRequest("passwordVerify: does not match passwordNew");
    await service.changePassword(principal.user.id, body.password, body.passwordNew, principal.sessionId);
    await audit(req, principal, "user.password-change", principal.user.email);
    res.status(204).end();
  });

  return router;
}
