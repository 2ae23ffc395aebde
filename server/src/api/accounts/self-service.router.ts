import type { Database } from "@faultline/db";
import type { Logger, NotifyRetry } from "@faultline/runtime";
import { Router } from "express";
import type { Redis } from "ioredis";
import type { CookieOptions } from "../../auth/cookies";
import { createRequestRateLimit } from "../../auth/request-rate-limit";
import type { AccountAuditTrail, AuditTrail } from "../audit";
import { createAcceptInviteRouter } from "../invites/accept-invite.router";
import type { InvitesService } from "../invites/invites.service";
import { createAccountPageRouter } from "./account-page.router";
import type { AccountsService } from "./accounts.service";
import { createPasswordResetRouter } from "./password-reset.router";

export interface SelfServiceDeps {
  db: Database;
  redis: Redis;
  log: Logger;
  accounts: AccountsService;
  invites: InvitesService;
  audit: AuditTrail;
  auditAccount: AccountAuditTrail;
  cookies: CookieOptions;
  publicUrl: string;
  emailConfigured: boolean;
  retry?: NotifyRetry | undefined;
}

/** Password reset requests allowed per email and per client address in an hour. */
const RESET_REQUESTS_PER_HOUR = 5;

/**
 * What people do for themselves, without an administrator or the command line: the account
 * page (name, sessions), accepting an invitation, resetting a forgotten password.
 */
export function createSelfServiceRouter(deps: SelfServiceDeps): Router {
  const router = Router();
  router.use(createAccountPageRouter({ db: deps.db, audit: deps.auditAccount }));
  router.use(createAcceptInviteRouter(deps));
  router.use(
    createPasswordResetRouter({
      ...deps,
      limit: createRequestRateLimit(deps.redis, {
        prefix: "fl:password-reset",
        maxRequests: RESET_REQUESTS_PER_HOUR,
        windowSeconds: 3600,
        what: "Password reset",
      }),
    }),
  );
  return router;
}
