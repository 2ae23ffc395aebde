/**
 * /api/0 routes for alert rules and the notification log of a project:
 *
 *   GET, POST          /api/0/projects/{org}/{project}/alert-rules/
 *   GET, PUT, DELETE   /api/0/projects/{org}/{project}/alert-rules/{id}/
 *   POST               /api/0/projects/{org}/{project}/alert-rules/{id}/test/   (limited per rule and per user: 429)
 *   GET                /api/0/projects/{org}/{project}/alert-rules/{id}/history/
 *   GET                /api/0/projects/{org}/{project}/notifications/   (?status=&rule=&cursor=)
 *   POST               /api/0/projects/{org}/{project}/notifications/{id}/retry/
 *
 * ASSUMPTION: this router does no authentication or authorization. It must be mounted behind
 * the /api/0 middleware that authenticates the caller, resolves {org}/{project} to a project
 * the caller may see (404 otherwise), enforces the scope (read for GET, write for the rest) and
 * puts the project in `res.locals.project` as at least `{ id: number }`. Without it every
 * request here answers 500.
 */
import { boundedIntParam, int4IdParam } from "@faultline/core";
import express, { Router, type NextFunction, type Request, type Response } from "express";
import { z } from "zod";
import { principalOf } from "../principal";
import { AlertRulesError } from "./alert-rules.errors";
import type { AlertRulesService } from "./alert-rules.service";

const STATUS: Record<AlertRulesError["code"], number> = {
  invalid: 400,
  not_found: 404,
  throttled: 429,
  unavailable: 503,
};

const resolvedProject = z.object({ id: z.number().int().positive() });
// Mounted inside the /api/0 router.
const BASE = "/projects/:org/:project";

type Handler = (req: Request, res: Response, projectId: number) => Promise<void>;

/** Told after a rule was created, changed or deleted (the audit log). */
export type AlertRuleChangeHook = (
  req: Request,
  res: Response,
  event: "alertrule.create" | "alertrule.edit" | "alertrule.remove",
  ruleId: string,
) => Promise<void>;

export function createAlertRulesRouter(
  service: AlertRulesService,
  onChange: AlertRuleChangeHook = () => Promise.resolve(),
): Router {
  const router = Router({ strict: false });
  router.use(`${BASE}/`, express.json({ limit: "256kb" }));

  const route = (handler: Handler) => (req: Request, res: Response, next: NextFunction) => {
    const project = resolvedProject.safeParse(res.locals.project);
    if (!project.success) {
      next(new Error("alert-rules router mounted without a resolved project (res.locals.project)"));
      return;
    }
    handler(req, res, project.data.id).catch((error: unknown) => {
      if (error instanceof AlertRulesError) {
        if (error.retryAfterSeconds !== undefined) res.set("Retry-After", String(error.retryAfterSeconds));
        res.status(STATUS[error.code]).json({
          detail: error.detail,
          ...(error.code === "throttled" ? { limit: error.limit, retryAfter: error.retryAfterSeconds } : {}),
        });
        return;
      }
      next(error);
    });
  };

  router.get(
    `${BASE}/alert-rules/`,
    route(async (_req, res, projectId) => {
      res.json(await service.list(projectId));
    }),
  );
  router.post(
    `${BASE}/alert-rules/`,
    route(async (req, res, projectId) => {
      const created = await service.create(projectId, req.body);
      await onChange(req, res, "alertrule.create", String(created.id));
      res.status(201).json(created);
    }),
  );
  router.get(
    `${BASE}/alert-rules/:id/`,
    route(async (req, res, projectId) => {
      res.json(await service.get(projectId, ruleId(req)));
    }),
  );
  router.put(
    `${BASE}/alert-rules/:id/`,
    route(async (req, res, projectId) => {
      const updated = await service.update(projectId, ruleId(req), req.body);
      await onChange(req, res, "alertrule.edit", String(ruleId(req)));
      res.json(updated);
    }),
  );
  router.delete(
    `${BASE}/alert-rules/:id/`,
    route(async (req, res, projectId) => {
      await service.remove(projectId, ruleId(req));
      await onChange(req, res, "alertrule.remove", String(ruleId(req)));
      res.status(204).end();
    }),
  );
  router.post(
    `${BASE}/alert-rules/:id/test/`,
    route(async (req, res, projectId) => {
      const user = principalOf(res)?.user.id ?? null;
      res.status(202).json({ deliveries: await service.sendTest(projectId, ruleId(req), user) });
    }),
  );
  router.get(
    `${BASE}/alert-rules/:id/history/`,
    route(async (req, res, projectId) => {
      res.json(await service.history(projectId, ruleId(req)));
    }),
  );
  router.get(
    `${BASE}/notifications/`,
    route(async (req, res, projectId) => {
      const query = deliveriesQuery.safeParse(req.query);
      if (!query.success)
        throw new AlertRulesError(
          "invalid",
          query.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
        );
      const page = await service.listDeliveries(projectId, {
        ...query.data,
        ...(query.data.rule ? { ruleId: query.data.rule } : {}),
      });
      if (page.nextCursor) res.set("X-Next-Cursor", page.nextCursor);
      res.json(page.deliveries);
    }),
  );
  router.post(
    `${BASE}/notifications/:id/retry/`,
    route(async (req, res, projectId) => {
      res.status(202).json(await service.retryDelivery(projectId, BigInt(numericId(req))));
    }),
  );
  return router;
}

const deliveriesQuery = z.object({
  status: z.string().optional(),
  rule: int4IdParam.optional(),
  cursor: z.string().optional(),
  limit: boundedIntParam(1, 100).optional(),
});

/** Ids in paths are digits; anything else is a rule that does not exist (404, not 400). */
function numericId(req: Request): string {
  const id = String(req.params.id ?? "");
  if (!/^\d{1,18}$/.test(id)) throw new AlertRulesError("not_found", "not found");
  return id;
}

function ruleId(req: Request): number {
  const id = Number(numericId(req));
  if (id > 2_147_483_647) throw new AlertRulesError("not_found", "alert rule not found");
  return id;
}
