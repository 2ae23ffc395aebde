import { commentBody, parseInt4Count } from "@faultline/core";
import { createActivityRepo, createIssuesRepo, type Database } from "@faultline/db";
import { Router } from "express";
import type { Access } from "../access";
import { badRequest } from "../api-error";
import type { AuditTrail } from "../audit";
import { formatCursor, pageSize, setLinkHeader } from "../pagination";
import { requirePrincipal } from "../principal";
import { parse } from "../validate";
import { issueActivity, serializeActivity } from "./issue-detail-extras";
import type { WorkflowNotices } from "./workflow-notices";
import { addIssueHashRoutes } from "./issue-hashes";

/**
 * Tags (`/issues/{id}/tags/`, `/tags/{key}/values/`), hashes and unmerge (issue-hashes.ts), comments
 * (`/issues/{id}/comments/`, Sentry's path for notes) and activity (`/issues/{id}/activities/`).
 */
export function createIssueDetailsRouter(deps: {
  db: Database;
  access: Access;
  audit: AuditTrail;
  publicUrl: string;
  /** Workflow emails: the commenter is subscribed, the other subscribers hear of the comment. */
  workflow?: WorkflowNotices | undefined;
}): Router {
  const { db, access, audit, publicUrl } = deps;
  const issues = createIssuesRepo(db);
  const activity = createActivityRepo(db);
  const router = Router();

  router.get("/issues/:issueId/tags/", async (req, res) => {
    const found = await access.issue(requirePrincipal(res), req.params.issueId, "read");
    const rows = await issues.tagSummary(found.issue.id);
    const byKey = new Map<
      string,
      { key: string; name: string; totalValues: number; uniqueValues: number; topValues: unknown[] }
    >();
    for (const row of rows) {
      let entry = byKey.get(row.key);
      if (!entry) {
        entry = {
          key: row.key,
          name: row.key,
          totalValues: Number(row.total),
          uniqueValues: Number(row.distinct),
          topValues: [],
        };
        byKey.set(row.key, entry);
      }
      entry.topValues.push({
        key: row.key,
        name: row.value,
        value: row.value,
        count: row.times_seen,
        firstSeen: row.first_seen.toISOString(),
        lastSeen: row.last_seen.toISOString(),
      });
    }
    res.json([...byKey.values()]);
  });

  router.get("/issues/:issueId/tags/:key/values/", async (req, res) => {
    const found = await access.issue(requirePrincipal(res), req.params.issueId, "read");
    const limit = pageSize(req, 100, 1000);
    const cursorRaw = typeof req.query.cursor === "string" ? req.query.cursor : undefined;
    // Tag values page on (count, value): the cursor carries the count and the value, base64url.
    let after: { count: number; value: string } | undefined;
    if (cursorRaw) {
      const match = /^(\d+):([A-Za-z0-9_-]*):0$/.exec(cursorRaw);
      if (!match) throw badRequest(`cursor: malformed cursor "${cursorRaw}"`);
      const count = parseInt4Count(match[1]!);
      if (count === undefined) throw badRequest(`cursor: count out of range in "${cursorRaw}"`);
      after = { count, value: Buffer.from(match[2]!, "base64url").toString() };
    }
    const rows = await issues.tagValues(found.issue.id, req.params.key, limit + 1, after);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    setLinkHeader(req, res, publicUrl, {
      prev: formatCursor(0, 0, true),
      hasPrev: false,
      next: last ? `${last.times_seen}:${Buffer.from(last.value).toString("base64url")}:0` : "0:0:0",
      hasNext: rows.length > limit,
    });
    res.json(
      page.map((row) => ({
        key: req.params.key,
        name: row.value,
        value: row.value,
        count: row.times_seen,
        firstSeen: row.first_seen.toISOString(),
        lastSeen: row.last_seen.toISOString(),
      })),
    );
  });

  addIssueHashRoutes(router, { db, access, audit });

  router.get("/issues/:issueId/comments/", async (req, res) => {
    const found = await access.issue(requirePrincipal(res), req.params.issueId, "read");
    res.json((await activity.list(found.issue.id, ["note"])).map(serializeActivity));
  });

  router.post("/issues/:issueId/comments/", async (req, res) => {
    const principal = requirePrincipal(res);
    const found = await access.issue(principal, req.params.issueId, "write");
    const body = parse(commentBody, req.body);
    const note = await activity.addNote(found.issue.id, principal.user.id, body.text);
    // The comment's text stays in the activity; the log says who commented where.
    await audit(req, principal, found.organization.id, "note.create", String(found.issue.id), { id: String(note.id) });
    await deps.workflow?.commented(found.issue.id, principal.user.id, body.text);
    res.status(201).json(serializeActivity(note));
  });

  /** Recorded activity plus what the worker knows: first seen and the last regression. */
  router.get("/issues/:issueId/activities/", async (req, res) => {
    const found = await access.issue(requirePrincipal(res), req.params.issueId, "read");
    res.json({ activity: await issueActivity(db, found.issue) });
  });

  return router;
}
