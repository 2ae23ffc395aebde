import { createAuditRepo, type Database } from "@faultline/db";
import { Router } from "express";
import type { Access } from "../access";
import { requirePrincipal } from "../principal";
import { keysetPage, pageSize, parseCursor, setLinkHeader } from "../pagination";

/** Sentry's `GET /organizations/{org}/audit-logs/`: admins only, newest first. */
export function createAuditLogRouter(deps: { db: Database; access: Access; publicUrl: string }): Router {
  const repo = createAuditRepo(deps.db);
  const router = Router();
  router.get("/organizations/:org/audit-logs/", async (req, res) => {
    const org = await deps.access.org(requirePrincipal(res), req.params.org, "admin");
    const limit = pageSize(req, 50);
    const cursor = parseCursor(req);
    const rows = await repo.list(org.organization.id, limit + 1, cursor ? BigInt(cursor.id) : undefined);
    // The audit log only walks forward (older); "previous" restarts from the newest.
    const { page, links } = keysetPage(rows, limit, cursor && { ...cursor, isPrev: false }, (row) => [0, row.id]);
    setLinkHeader(req, res, deps.publicUrl, links);
    res.json({
      rows: page.map((row) => ({
        id: String(row.id),
        actor: row.actorUserId
          ? { id: String(row.actorUserId), name: row.actorLabel, email: row.actorLabel.split(" ")[0] }
          : null,
        event: row.event,
        ipAddress: row.ipAddress,
        note: row.targetObject ? `${row.event} ${row.targetObject}` : row.event,
        targetObject: row.targetObject,
        targetUser: null,
        data: row.data,
        dateCreated: row.createdAt.toISOString(),
      })),
      options: [...new Set(page.map((row) => row.event))],
    });
  });
  return router;
}
