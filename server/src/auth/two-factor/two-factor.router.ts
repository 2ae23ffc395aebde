import { twoFactorConfirmBody, twoFactorLoginBody, twoFactorProofBody } from "@faultline/core";
import { Router, type Response } from "express";
import type { AccountsService } from "../../api/accounts/accounts.service";
import { serializeUser } from "../../api/accounts/serialize-user";
import { forbidden, notFound } from "../../api/api-error";
import type { AccountAuditTrail } from "../../api/audit";
import { clientIp, requirePrincipal, type Principal } from "../../api/principal";
import { parse } from "../../api/validate";
import { setSessionCookies, type CookieOptions } from "../cookies";
import { checkOrigin } from "../csrf";
import type { TwoFactorService } from "./two-factor.service";

/** Changing the second factor is like changing the password: a signed-in browser, never a token. */
function requireSession(res: Response): Extract<Principal, { via: "session" }> {
  const principal = requirePrincipal(res);
  if (principal.via !== "session")
    throw forbidden(
      "Two-factor authentication can only be changed from a signed-in browser session; API tokens cannot change it.",
    );
  return principal;
}

/**
 * `/users/me/two-factor/` (status, enrolment, recovery codes, turning it off) and the sign-in's
 * second step, `POST /auth/login/two-factor/`.
 */
export function createTwoFactorRouter(deps: {
  service: TwoFactorService;
  accounts: AccountsService;
  cookies: CookieOptions;
  publicUrl: string;
  audit: AccountAuditTrail;
}): Router {
  const { service, accounts, cookies, publicUrl, audit } = deps;
  const router = Router();

  router.post("/auth/login/two-factor/", async (req, res) => {
    checkOrigin(req, publicUrl);
    const body = parse(twoFactorLoginBody, req.body);
    const userId = await service.finishLogin(body.pendingLogin, clientIp(req), body);
    const { user, session } = await accounts.sessionFor(userId);
    setSessionCookies(res, session, cookies);
    res.json({ user: serializeUser({ ...user, has2fa: true }), csrfToken: session.csrf });
  });

  router.use("/users/:userId/two-factor/", (req, res, next) => {
    const principal = requirePrincipal(res);
    if (req.params.userId !== "me" && req.params.userId !== String(principal.user.id)) throw notFound();
    next();
  });

  router.get("/users/:userId/two-factor/", async (_req, res) => {
    const principal = requirePrincipal(res);
    const status = await service.status(principal.user.id);
    res.json({
      enabled: status.enabled,
      dateEnabled: status.enabledAt?.toISOString() ?? null,
      recoveryCodesLeft: status.recoveryCodesLeft,
    });
  });

  router.post("/users/:userId/two-factor/enrol/", async (_req, res) => {
    const principal = requireSession(res);
    res.json(await service.startEnrolment(principal.user));
  });

  router.get("/users/:userId/two-factor/enrol/qr/", async (_req, res) => {
    const principal = requireSession(res);
    const png = await service.enrolmentQrCode(principal.user);
    if (!png) throw notFound("No enrolment in progress (or it expired).");
    res.type("png").send(png);
  });

  router.post("/users/:userId/two-factor/confirm/", async (req, res) => {
    const principal = requireSession(res);
    const body = parse(twoFactorConfirmBody, req.body);
    const recoveryCodes = await service.confirmEnrolment(principal.user.id, body.code);
    await audit(req, principal, "user.two-factor-enable", principal.user.email);
    res.status(201).json({ enabled: true, recoveryCodes });
  });

  router.post("/users/:userId/two-factor/recovery-codes/", async (req, res) => {
    const principal = requireSession(res);
    const body = parse(twoFactorProofBody, req.body);
    const recoveryCodes = await service.regenerateRecoveryCodes(principal.user.id, clientIp(req), body);
    await audit(req, principal, "user.two-factor-recovery-codes", principal.user.email);
    res.status(201).json({ recoveryCodes });
  });

  router.delete("/users/:userId/two-factor/", async (req, res) => {
    const principal = requireSession(res);
    const body = parse(twoFactorProofBody, req.body);
    await service.disable(principal.user.id, clientIp(req), body);
    await audit(req, principal, "user.two-factor-disable", principal.user.email);
    res.status(204).end();
  });

  return router;
}
