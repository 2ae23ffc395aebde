import { passwordResetBody, passwordResetRequestBody } from "@faultline/core";
import { createAccountLinksRepo, createUsersRepo, type Database } from "@faultline/db";
import { enqueueAccountMail, type Logger, type NotifyRetry } from "@faultline/runtime";
import { Router } from "express";
import type { Redis } from "ioredis";
import { checkOrigin } from "../../auth/csrf";
import type { RequestRateLimit } from "../../auth/request-rate-limit";
import { hashPassword, passwordProblem } from "../../auth/password";
import { randomSecret, sha256 } from "../../auth/secrets";
import { badRequest } from "../api-error";
import { passwordResetMail } from "../invites/invite-mail";
import { clientIp } from "../principal";
import { parse } from "../validate";

/** A reset link is good for an hour, once. */
export const PASSWORD_RESET_TTL_MS = 3_600_000;

const REQUESTED = "If an account uses this email, a link to reset its password is on its way.";

/**
 * Password reset by email: `POST /auth/password-reset/` sends a link (the answer is the same
 * whether or not an account has the email, and requests are rate limited per email and per
 * client address); `POST /auth/password-reset/confirm/` sets the new password from the link's
 * token and signs the account out everywhere (the person signs in again with the new password).
 */
export function createPasswordResetRouter(deps: {
  db: Database;
  redis: Redis;
  log: Logger;
  publicUrl: string;
  emailConfigured: boolean;
  limit: RequestRateLimit;
  retry?: NotifyRetry | undefined;
}): Router {
  const users = createUsersRepo(deps.db);
  const links = createAccountLinksRepo(deps.db);
  const router = Router();

  async function sendResetLink(email: string): Promise<void> {
    const user = await users.findByEmail(email);
    if (!user?.isActive) return;
    if (!deps.emailConfigured) {
      deps.log.warn("a password reset was asked for, but SMTP_URL is not set");
      return;
    }
    const token = randomSecret();
    const expiresAt = new Date(Date.now() + PASSWORD_RESET_TTL_MS);
    await links.createPasswordReset({ userId: user.id, tokenHash: sha256(token), expiresAt });
    const link = `${deps.publicUrl}/reset-password/${token}/`;
    await enqueueAccountMail(
      deps.redis,
      { to: user.email, ...passwordResetMail({ link, expiresAt }) },
      deps.retry ? { retry: deps.retry } : {},
    );
  }

  router.post("/auth/password-reset/", async (req, res) => {
    checkOrigin(req, deps.publicUrl);
    const body = parse(passwordResetRequestBody, req.body);
    await deps.limit.take(clientIp(req), body.email);
    // Answered before the account is even looked up: how long the answer takes says nothing
    // about whether the email has an account.
    res.status(202).json({ detail: REQUESTED });
    await sendResetLink(body.email).catch((error: unknown) =>
      deps.log.error({ err: error }, "a password reset link could not be queued"),
    );
  });

  router.post("/auth/password-reset/confirm/", async (req, res) => {
    checkOrigin(req, deps.publicUrl);
    const body = parse(passwordResetBody, req.body);
    const problem = passwordProblem(body.password);
    if (problem) throw badRequest(`password: ${problem}`);
    const userId = await links.resetPassword(sha256(body.token), await hashPassword(body.password), new Date());
    if (userId === null)
      throw badRequest("token: this reset link is not valid: it was used, or it has expired. Ask for a new one.");
    res.json({ detail: "Your password is changed. Sign in with it." });
  });

  return router;
}
