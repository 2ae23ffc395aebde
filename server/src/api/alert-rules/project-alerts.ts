import type { Database } from "@faultline/db";
import { createAlertsQueue, type NotifyRetry } from "@faultline/runtime";
import { Router } from "express";
import type { Redis } from "ioredis";
import type { Access } from "../access";
import type { AuditTrail } from "../audit";
import { requirePrincipal } from "../principal";
import { createAlertRulesRouter } from "./alert-rules.router";
import { createAlertRulesService } from "./alert-rules.service";
import { createSendTestLimit, type SendTestLimits } from "./send-test-limit";

interface ProjectAlertsDeps {
  db: Database;
  redis: Redis;
  access: Access;
  audit: AuditTrail;
  publicUrl: string;
  retry?: NotifyRetry | undefined;
  /** "Send test" limits; the defaults are 5 per rule per 10 minutes and 20 per person per hour. */
  sendTestLimits?: SendTestLimits | undefined;
}

/**
 * Alert rules and the notification log behind the API's own authentication: the caller must
 * see the project (404 otherwise) and hold `read` to look, `write` to change or send.
 */
export function createProjectAlertsRouter(deps: ProjectAlertsDeps): Router {
  const { db, redis, access, audit, publicUrl, retry, sendTestLimits } = deps;
  const service = createAlertRulesService({
    db,
    queue: createAlertsQueue(redis, retry),
    publicUrl,
    sendTestLimit: createSendTestLimit(redis, sendTestLimits),
  });
  const router = Router();
  router.use(
    ["/projects/:org/:project/alert-rules", "/projects/:org/:project/notifications"],
    async (req, res, next) => {
      const params = req.params as Record<string, string>;
      const need = req.method === "GET" || req.method === "HEAD" ? "read" : "write";
      const found = await access.project(requirePrincipal(res), params.org ?? "", params.project ?? "", need);
      res.locals.project = { id: found.project.id };
      res.locals.auditTarget = { organizationId: found.organization.id, project: found.project.slug };
      next();
    },
  );
  router.use(
    createAlertRulesRouter(service, async (req, res, event, ruleId) => {
      const target = res.locals.auditTarget as { organizationId: number; project: string };
      await audit(req, requirePrincipal(res), target.organizationId, event, ruleId, { project: target.project });
    }),
  );
  return router;
}
