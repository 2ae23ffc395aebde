import type { Database } from "@faultline/db";
import { Router } from "express";
import type { AccountAuditTrail } from "../audit";
import { createAccountPageRouter } from "./account-page.router";

export interface SelfServiceDeps {
  db: Database;
  audit: AccountAuditTrail;
}

/**
 * What people do for themselves, without an administrator or the command line: the account
 * page (name, sessions).
 */
export function createSelfServiceRouter(deps: SelfServiceDeps): Router {
  const router = Router();
  router.use(createAccountPageRouter(deps));
  return router;
}
