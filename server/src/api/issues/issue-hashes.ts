import type { Database } from "@faultline/db";
import type { Request, Response, Router } from "express";
import type { Access } from "../access";
import type { AuditTrail } from "../audit";
import { serializeEventSummary } from "../events/serialize-event";
import { requirePrincipal } from "../principal";
import { queryList } from "../validate";
import { createIssueMergeService } from "./issue-merge";

/**
 * `/issues/{id}/hashes/`: the grouping hashes an issue answers to (Sentry's shape, with the newest
 * event of each), and unmerge — DELETE (Sentry's older verb) or PUT (its current one) with
 * `?id=<hash>` moves those hashes' events into a new issue and answers 202.
 */
export function addIssueHashRoutes(router: Router, deps: { db: Database; access: Access; audit: AuditTrail }) {
  const { access, audit } = deps;
  const merges = createIssueMergeService(deps.db);

  router.get("/issues/:issueId/hashes/", async (req, res) => {
    const found = await access.issue(requirePrincipal(res), req.params.issueId, "read");
    const rows = await merges.hashes(found.issue.id);
    res.json(
      rows.map((row) => ({
        id: row.hash,
        latestEvent: row.latest ? serializeEventSummary(row.latest) : null,
        mergedBySeer: false,
        seerMatchDistance: null,
        // Faultline: how many stored events came under this hash.
        eventCount: row.events,
      })),
    );
  });

  async function unmerge(req: Request<{ issueId: string }>, res: Response) {
    const principal = requirePrincipal(res);
    const found = await access.issue(principal, req.params.issueId, "write");
    const hashes = queryList(req.query.id);
    // As Sentry: no ids, nothing to do.
    if (hashes.length === 0) {
      res.status(200).json({});
      return;
    }
    const created = await merges.unmerge(
      { id: found.issue.id, projectId: found.project.id },
      hashes,
      principal.user.id,
    );
    await audit(req, principal, found.organization.id, "issue.unmerge", String(found.issue.id), {
      destination: String(created),
      hashes,
    });
    res.status(202).end();
  }
  router.delete("/issues/:issueId/hashes/", unmerge);
  router.put("/issues/:issueId/hashes/", unmerge);
}
