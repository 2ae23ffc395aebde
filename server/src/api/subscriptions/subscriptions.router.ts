import { formatShortId } from "@faultline/core";
import { createIssueSubscriptionsRepo, type Database } from "@faultline/db";
import { readUnsubscribeToken } from "@faultline/runtime";
import { Router } from "express";
import { z } from "zod";
import { badRequest, forbidden, notFound } from "../api-error";
import { requirePrincipal, type Principal } from "../principal";
import { parse } from "../validate";

const unsubscribeBody = z.object({ token: z.string().min(1).max(200) });
const notificationsBody = z.object({ workflowEmails: z.boolean() }).strict();

function self(userId: string | undefined, principal: Principal): void {
  if (userId !== "me" && userId !== String(principal.user.id)) throw notFound();
}

function requireWrite(principal: Principal): void {
  if (principal.via === "token" && !principal.tokenScopes.includes("write"))
    throw forbidden('This token lacks the "write" scope.');
}

/**
 * The account's issue subscriptions and workflow email setting (`/users/me/subscriptions/`,
 * `/users/me/notifications/`), and the unsubscribe link of a workflow email (`/unsubscribe/`),
 * which works without signing in: its signed token names the issue and the person.
 */
export function createSubscriptionsRouter(deps: { db: Database }): Router {
  const { db } = deps;
  const subscriptions = createIssueSubscriptionsRepo(db);
  const router = Router();

  router.post("/unsubscribe/", async (req, res) => {
    const body = parse(unsubscribeBody, req.body);
    const target = await readUnsubscribeToken(db, body.token);
    if (!target) throw badRequest("token: not a valid unsubscribe link");
    const issue = await db.issue.findUnique({
      where: { id: target.issueId },
      select: { title: true, shortId: true, project: { select: { slug: true } } },
    });
    if (!issue) throw notFound("The issue no longer exists.");
    await subscriptions.unsubscribe(target.issueId, target.userId);
    res.json({
      unsubscribed: true,
      issue: { shortId: formatShortId(issue.project.slug, issue.shortId), title: issue.title },
    });
  });

  router.get("/users/:userId/subscriptions/", async (req, res) => {
    const principal = requirePrincipal(res);
    self(req.params.userId, principal);
    const rows = await subscriptions.listForUser(principal.user.id, 500);
    res.json(
      rows.map((row) => ({
        issue: {
          id: String(row.issue_id),
          shortId: formatShortId(row.project_slug, row.short_id),
          title: row.title,
          status: row.status,
          project: { slug: row.project_slug },
          organization: { slug: row.organization_slug },
        },
        dateSubscribed: row.created_at.toISOString(),
      })),
    );
  });

  router.delete("/users/:userId/subscriptions/:issueId/", async (req, res) => {
    const principal = requirePrincipal(res);
    self(req.params.userId, principal);
    requireWrite(principal);
    if (!/^\d{1,18}$/.test(req.params.issueId)) throw notFound();
    const issueId = BigInt(req.params.issueId);
    if (!(await db.issueSubscription.findUnique({ where: { issueId_userId: { issueId, userId: principal.user.id } } })))
      throw notFound();
    await subscriptions.unsubscribe(issueId, principal.user.id);
    res.status(204).end();
  });

  router.get("/users/:userId/notifications/", async (req, res) => {
    const principal = requirePrincipal(res);
    self(req.params.userId, principal);
    const user = await db.user.findUniqueOrThrow({
      where: { id: principal.user.id },
      select: { workflowEmails: true },
    });
    res.json({ workflowEmails: user.workflowEmails });
  });

  router.put("/users/:userId/notifications/", async (req, res) => {
    const principal = requirePrincipal(res);
    self(req.params.userId, principal);
    requireWrite(principal);
    const body = parse(notificationsBody, req.body);
    await db.user.update({ where: { id: principal.user.id }, data: { workflowEmails: body.workflowEmails } });
    res.json({ workflowEmails: body.workflowEmails });
  });

  return router;
}
