import { parseShortId, updateIssueBody } from "@faultline/core";
import { createUserFeedbackRepo, type Database, type IssueRow } from "@faultline/db";
import { Router, type Request, type Response } from "express";
import { visibleProjects, type Access, type OrgAccess } from "../access";
import { badRequest, notFound } from "../api-error";
import type { AuditTrail } from "../audit";
import { pageSize, parseCursor, setLinkHeader } from "../pagination";
import { requirePrincipal, type Principal } from "../principal";
import { parse, projectIdsParam, queryList, queryString } from "../validate";
import { isPersonalUpdate } from "./issue-changes";
import { createIssueMergeService } from "./issue-merge";
import { readIssueQuery } from "./issue-query";
import { issueActivity, issueTagKeys } from "./issue-detail-extras";
import { issueReleases } from "./issue-releases";
import { MAX_HITS, type IssuesService } from "./issues.service";

/**
 * Issue lists (per project and per organization) with Sentry's search, sort, stats and cursor
 * pagination; bulk PUT (including Sentry's merge) / DELETE on `?id=` (or on the query's matches); single-issue GET/PUT/DELETE.
 */
export function createIssuesRouter(deps: {
  db: Database;
  access: Access;
  audit: AuditTrail;
  publicUrl: string;
  issues: IssuesService;
}): Router {
  const { db, access, audit, publicUrl, issues } = deps;
  const feedback = createUserFeedbackRepo(db);
  const merges = createIssueMergeService(db);
  const router = Router();

  async function orgProjectIds(org: OrgAccess, req: Request): Promise<number[]> {
    const wanted = projectIdsParam(req.query.project);
    const projects = await db.project.findMany({
      where: visibleProjects(org, wanted),
      select: { id: true },
    });
    return projects.map((project) => project.id);
  }

  async function sendList(req: Request, res: Response, principal: Principal, org: OrgAccess, projectIds: number[]) {
    const { query, sort, statsPeriod, range } = readIssueQuery(req, new Date());
    // As Sentry: a query that is exactly a short id (`CHECKOUT-12`) answers that issue alone.
    const direct = await directHit(org, projectIds, queryString(req.query.query));
    if (direct) {
      res.setHeader("X-Sentry-Direct-Hit", "1");
      res.setHeader("X-Hits", "1");
      res.setHeader("X-Max-Hits", String(MAX_HITS));
      res.json(await issues.serializeMany([direct], statsPeriod, new Date(), principal.user.id));
      return;
    }
    const result = await issues.list({
      projectIds,
      query,
      sort,
      statsPeriod,
      limit: pageSize(req),
      cursor: parseCursor(req),
      user: principal.user,
      range,
    });
    setLinkHeader(req, res, publicUrl, result.links);
    // As Sentry: how many issues match, counted up to X-Max-Hits ("1000+" beyond).
    res.setHeader("X-Hits", String(result.hits));
    res.setHeader("X-Max-Hits", String(MAX_HITS));
    res.json(result.issues);
  }

  async function directHit(org: OrgAccess, projectIds: number[], raw: string | undefined) {
    const wanted = raw === undefined ? null : parseShortId(raw);
    if (!wanted) return null;
    const row = await issues.findByShortId(org.organization.id, wanted.projectSlug, wanted.shortId);
    return row && projectIds.includes(row.project_id) ? row : null;
  }

  function idsOf(req: Request): bigint[] {
    return queryList(req.query.id)
      .filter((id) => /^\d{1,18}$/.test(id))
      .map((id) => BigInt(id));
  }

  /** The PUT body; changing anything beyond the caller's own bookmark and subscription needs write. */
  function readUpdate(req: Request, principal: Principal, found: OrgAccess) {
    const body = parse(updateIssueBody, req.body);
    if (!isPersonalUpdate(body)) access.demand(found, "write", principal);
    return body;
  }

  async function bulkUpdate(req: Request, res: Response, principal: Principal, org: OrgAccess, projectIds: number[]) {
    const body = readUpdate(req, principal, org);
    const { query } = readIssueQuery(req, new Date());
    const rows = await issues.target({ projectIds, ids: idsOf(req), query, user: principal.user });
    if (rows.length === 0) throw notFound("No matching issues");
    const { merge, ...rest } = body;
    // As Sentry: merging needs two issues or more; with one, `merge` changes nothing.
    const merging = merge === true && rows.length > 1;
    if (merging && new Set(rows.map((row) => row.project_id)).size > 1)
      throw badRequest("Merging across multiple projects is not supported");
    const echo = await issues.update(org.organization.id, rows, rest, principal.user);
    if (!merging || Object.keys(rest).length > 0) await auditIssues(req, principal, org, "issue.edit", rows, rest);
    if (!merging) {
      res.json(echo);
      return;
    }
    const merged = await merges.merge(rows, principal.user.id);
    await audit(req, principal, org.organization.id, "issue.merge", merged.parent, { ...merged });
    res.json({ ...echo, merge: merged });
  }

  async function bulkDelete(req: Request, res: Response, principal: Principal, org: OrgAccess, projectIds: number[]) {
    const { query } = readIssueQuery(req, new Date());
    const rows = await issues.target({ projectIds, ids: idsOf(req), query, user: principal.user });
    if (rows.length === 0) throw notFound("No matching issues");
    await issues.delete(rows);
    await auditIssues(req, principal, org, "issue.delete", rows, {});
    res.status(204).end();
  }

  async function auditIssues(
    req: Request,
    principal: Principal,
    org: OrgAccess,
    event: string,
    rows: IssueRow[],
    body: object,
  ) {
    await audit(
      req,
      principal,
      org.organization.id,
      event,
      rows.length === 1 ? String(rows[0]?.id) : `${rows.length} issues`,
      {
        ids: rows.slice(0, 100).map((row) => String(row.id)),
        ...body,
      },
    );
  }

  const project = "/projects/:org/:project/issues/";
  router.get(project, async (req, res) => {
    const principal = requirePrincipal(res);
    const found = await access.project(principal, req.params.org, req.params.project, "read");
    await sendList(req, res, principal, found, [found.project.id]);
  });
  router.put(project, async (req, res) => {
    const principal = requirePrincipal(res);
    const found = await access.project(principal, req.params.org, req.params.project, "read");
    await bulkUpdate(req, res, principal, found, [found.project.id]);
  });
  router.delete(project, async (req, res) => {
    const principal = requirePrincipal(res);
    const found = await access.project(principal, req.params.org, req.params.project, "write");
    await bulkDelete(req, res, principal, found, [found.project.id]);
  });

  const org = "/organizations/:org/issues/";
  router.get(org, async (req, res) => {
    const principal = requirePrincipal(res);
    const found = await access.org(principal, req.params.org, "read");
    await sendList(req, res, principal, found, await orgProjectIds(found, req));
  });
  router.put(org, async (req, res) => {
    const principal = requirePrincipal(res);
    const found = await access.org(principal, req.params.org, "read");
    await bulkUpdate(req, res, principal, found, await orgProjectIds(found, req));
  });
  router.delete(org, async (req, res) => {
    const principal = requirePrincipal(res);
    const found = await access.org(principal, req.params.org, "write");
    await bulkDelete(req, res, principal, found, await orgProjectIds(found, req));
  });

  // `/organizations/{org}/issues/{id}/` reaches these through the organization-scoped rewrite
  // (org-issue-paths.ts), which also answers another organization's issue with 404.
  for (const path of ["/issues/:issueId/"]) {
    router.get(path, async (req, res) => {
      const principal = requirePrincipal(res);
      const found = await access.issue(principal, String(req.params.issueId), "read");
      const row = await issues.findRow(found.issue.id);
      if (!row) throw notFound();
      const now = new Date();
      const [day] = await issues.serializeMany([row], "24h", now, principal.user.id);
      const [fortnight] = await issues.serializeMany([row], "14d", now);
      // Faultline: 30 daily buckets too (the dashboard's 30d trend), as Sentry's statsPeriod=30d.
      const [month] = await issues.serializeMany([row], "30d", now);
      const [releases, activity, tags] = await Promise.all([
        issueReleases(db, found.organization.id, found.issue, found.project),
        issueActivity(db, found.issue),
        issueTagKeys(db, found.issue.id),
      ]);
      res.json({
        ...day,
        stats: { ...day?.stats, ...fortnight?.stats, ...month?.stats },
        firstRelease: releases.firstRelease,
        lastRelease: releases.lastRelease,
        // Faultline: the release it was resolved in, and the release and deploy of its last regression.
        resolvedInRelease: releases.resolvedInRelease,
        regression: releases.regression,
        activity,
        tags,
        // Faultline keeps neither who took part in an issue beyond its activity nor who viewed it.
        participants: [],
        seenBy: [],
        userReportCount: await feedback.countForIssue(found.issue.id, found.project.id),
      });
    });
    router.put(path, async (req, res) => {
      const principal = requirePrincipal(res);
      const found = await access.issue(principal, String(req.params.issueId), "read");
      const body = readUpdate(req, principal, found);
      const row = await issues.findRow(found.issue.id);
      if (!row) throw notFound();
      await issues.update(found.organization.id, [row], body, principal.user);
      await auditIssues(req, principal, found, "issue.edit", [row], body);
      const updated = await issues.findRow(found.issue.id);
      const [serialized] = await issues.serializeMany(updated ? [updated] : [], "24h", new Date(), principal.user.id);
      res.json(serialized);
    });
    router.delete(path, async (req, res) => {
      const principal = requirePrincipal(res);
      const found = await access.issue(principal, String(req.params.issueId), "write");
      const row = await issues.findRow(found.issue.id);
      if (!row) throw notFound();
      await issues.delete([row]);
      await auditIssues(req, principal, found, "issue.delete", [row], {});
      res.status(202).end();
    });
  }

  return router;
}
