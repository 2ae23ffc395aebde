import { Router, type Request, type Response } from "express";
import type { AccountsService } from "../../api/accounts/accounts.service";
import { ApiError } from "../../api/api-error";
import { readCookie, setSessionCookies, type CookieOptions } from "../cookies";
import type { TwoFactorService } from "../two-factor/two-factor.service";
import { SSO_STATE_SECONDS, type SsoService } from "./sso.service";

/** Holds the state of a sign-in in progress, so only the browser that started it can finish it. */
const STATE_COOKIE = "fl_oidc_state";

/**
 * `GET /auth/oidc/` (is SSO on, and the button's label), `/auth/oidc/login/` (off to the
 * provider) and `/auth/oidc/callback/` (back from it). A browser gets redirects — to where it was
 * going, to the code step when two-factor is on, or to the login page with the error; other
 * clients get JSON.
 */
export function createSsoRouter(deps: {
  sso: SsoService | undefined;
  accounts: AccountsService;
  twoFactor: TwoFactorService;
  cookies: CookieOptions;
  publicUrl: string;
  redirectUri: string;
}): Router {
  const { sso, accounts, twoFactor, cookies, publicUrl } = deps;
  const router = Router();
  const wantsPage = (req: Request) => req.accepts(["json", "html"]) === "html";
  const requireSso = () => {
    if (!sso) throw new ApiError(404, "Single sign-on is not configured on this server.");
    return sso;
  };
  const clearState = (res: Response) =>
    res.clearCookie(STATE_COOKIE, { path: cookies.path, secure: cookies.secure, sameSite: "lax", httpOnly: true });

  router.get("/auth/oidc/", (_req, res) => {
    res.json(sso ? { enabled: true, buttonLabel: sso.buttonLabel } : { enabled: false, buttonLabel: null });
  });

  /** A browser gets the sign-in page with the reason; other clients the JSON error. */
  const backToLogin = (req: Request, res: Response, error: unknown) => {
    if (!(error instanceof ApiError) || !wantsPage(req)) throw error;
    res.redirect(303, `${publicUrl}/login?ssoError=${encodeURIComponent(error.detail)}`);
  };

  router.get("/auth/oidc/login/", async (req, res) => {
    let started: { url: string; state: string };
    try {
      started = await requireSso().start(req.query.next);
    } catch (error) {
      backToLogin(req, res, error);
      return;
    }
    const { url, state } = started;
    // Lax: the provider's redirect back is a top-level navigation, which carries it.
    res.cookie(STATE_COOKIE, state, {
      path: cookies.path,
      secure: cookies.secure,
      sameSite: "lax",
      httpOnly: true,
      maxAge: SSO_STATE_SECONDS * 1000,
    });
    res.redirect(302, url);
  });

  router.get("/auth/oidc/callback/", async (req, res) => {
    const query = req.url.includes("?") ? req.url.slice(req.url.indexOf("?")) : "";
    try {
      const { userId, next } = await requireSso().finish(
        new URL(`${deps.redirectUri}${query}`),
        readCookie(req, STATE_COOKIE),
      );
      clearState(res);
      if (await twoFactor.isEnabled(userId)) {
        const pendingLogin = await twoFactor.beginLogin(userId);
        if (wantsPage(req))
          res.redirect(
            303,
            `${publicUrl}/login?twoFactor=${encodeURIComponent(pendingLogin)}&next=${encodeURIComponent(next)}`,
          );
        else res.json({ twoFactorRequired: true, pendingLogin });
        return;
      }
      const { session } = await accounts.sessionFor(userId);
      setSessionCookies(res, session, cookies);
      if (wantsPage(req)) res.redirect(303, `${publicUrl}${next}`);
      else res.json({ next, csrfToken: session.csrf });
    } catch (error) {
      clearState(res);
      backToLogin(req, res, error);
    }
  });

  return router;
}
