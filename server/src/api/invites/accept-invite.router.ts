import { acceptInviteBody, parseInt4Id } from "@faultline/core";
import { createUsersRepo, type Database } from "@faultline/db";
import { Router } from "express";
import { setSessionCookies, type CookieOptions } from "../../auth/cookies";
import { checkOrigin } from "../../auth/csrf";
import { hashPassword, passwordProblem } from "../../auth/password";
import type { AccountsService } from "../accounts/accounts.service";
import { serializeUser } from "../accounts/serialize-user";
import { ApiError, badRequest, forbidden, notFound } from "../api-error";
import type { AuditTrail } from "../audit";
import { clientIp, principalOf, type Principal } from "../principal";
import { parse } from "../validate";
import type { InvitesService } from "./invites.service";

const NOT_GOOD = "This invitation link is not valid: it was used or revoked, or it has expired. Ask for a new one.";

/**
 * Sentry's `/accept-invite/{memberId}/{token}/`: what the link in an invitation email opens.
 * GET says what the invitation is; POST accepts it — as the signed-in user, or by creating the
 * account of the invited email (name and password) and signing it in.
 */
export function createAcceptInviteRouter(deps: {
  db: Database;
  invites: InvitesService;
  accounts: AccountsService;
  audit: AuditTrail;
  cookies: CookieOptions;
  publicUrl: string;
}): Router {
  const { invites } = deps;
  const users = createUsersRepo(deps.db);
  const router = Router();

  async function goodInvite(memberId: string | undefined, token: string | undefined) {
    const id = parseInt4Id(memberId ?? "");
    const invite = id !== undefined && token ? await invites.describe(id, token) : null;
    if (!invite) throw notFound(NOT_GOOD);
    return invite;
  }

  router.get("/accept-invite/:memberId/:token/", async (req, res) => {
    const invite = await goodInvite(req.params.memberId, req.params.token);
    const principal = principalOf(res);
    // Only the holder of the link sees this: whether the invited email has an account decides
    // which form the page shows (sign in, or create the account).
    const existingAccount = (await users.findByEmail(invite.email)) !== null;
    res.json({
      organization: { slug: invite.organization.slug, name: invite.organization.name },
      email: invite.email,
      orgRole: invite.role,
      dateExpires: invite.expiresAt.toISOString(),
      existingAccount,
      needsAuthentication: !principal,
      signedInAs: principal ? principal.user.email : null,
    });
  });

  router.post("/accept-invite/:memberId/:token/", async (req, res) => {
    const id = req.params.memberId;
    const token = req.params.token;
    const invite = await goodInvite(id, token);
    let principal: Principal | undefined = principalOf(res);
    if (principal?.via === "token") throw forbidden("Invitations are accepted from a browser, not with an API token.");
    let user = principal?.user;
    let session;
    if (!principal) {
      checkOrigin(req, deps.publicUrl);
      const body = parse(acceptInviteBody, req.body);
      if (await users.findByEmail(invite.email))
        throw new ApiError(401, "An account with this email exists: sign in, then open the invitation link again.");
      if (!body.password) throw badRequest("password: required to create your account");
      const problem = passwordProblem(body.password);
      if (problem) throw badRequest(`password: ${problem}`);
      const created = await users.createUser({
        email: invite.email,
        name: body.name ?? "",
        passwordHash: await hashPassword(body.password),
        isSuperuser: false,
      });
      const accepted = await invites.accept(invite.id, token ?? "", created.id);
      if (!accepted) {
        // Another request used the link meanwhile: the account made for it goes again.
        await deps.db.user.deleteMany({ where: { id: created.id } });
        throw notFound(NOT_GOOD);
      }
      // Signed in as at login, with the password just chosen: a new account has no second factor.
      const signedIn = await deps.accounts.login({ email: invite.email, password: body.password }, clientIp(req));
      if (!("session" in signedIn) || !signedIn.session) throw new ApiError(401, "Sign in to continue.");
      session = signedIn.session;
      user = signedIn.user;
      principal = { via: "session", user: signedIn.user, sessionId: 0, csrfToken: session.csrf };
      await deps.audit(req, principal, accepted.organizationId, "member.accept", invite.email, { role: accepted.role });
    } else {
      const accepted = await invites.accept(invite.id, token ?? "", principal.user.id);
      if (!accepted) throw notFound(NOT_GOOD);
      await deps.audit(req, principal, accepted.organizationId, "member.accept", principal.user.email, {
        role: accepted.role,
        invited: invite.email,
      });
    }
    if (session) setSessionCookies(res, session, deps.cookies);
    res.json({
      organization: { slug: invite.organization.slug, name: invite.organization.name },
      user: user ? serializeUser(user) : null,
      ...(session ? { csrfToken: session.csrf } : {}),
    });
  });

  return router;
}
