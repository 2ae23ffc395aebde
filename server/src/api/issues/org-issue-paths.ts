import { parseShortId } from "@faultline/core";
import type { Database } from "@faultline/db";
import { Router, type NextFunction, type Request, type Response } from "express";
import { canSeeProject, type Access, type OrgAccess } from "../access";
import { notFound } from "../api-error";
import { requirePrincipal } from "../principal";
import type { IssuesService } from "./issues.service";

/** `/organizations/{org}/issues/{id or short id}/{rest}` (the path newer Sentry tools use). */
const ORG_ISSUE_PATH = /^\/organizations\/([^/]+)\/issues\/([^/]+)\/(.*)$/;
const NUMERIC_ID = /^\d{1,18}$/;

/** A path segment decoded, or null when its %-encoding is broken. */
function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * Organization-scoped issue paths and short-id lookup:
 * - `/organizations/{org}/issues/{id}/...` answers exactly as `/issues/{id}/...` (detail, events,
 *   tags, hashes, comments, activity, export), once the issue is known to belong to that
 *   organization; another organization's issue is 404. The id may be a short id (`CHECKOUT-12`),
 *   as Sentry allows on these paths.
 * - `/organizations/{org}/shortids/{shortId}/` resolves a short id (Sentry's shape).
 */
export function createOrgIssuePathsRouter(deps: { db: Database; access: Access; issues: IssuesService }): Router {
  const { db, access, issues } = deps;
  const router = Router();

  async function issueIdIn(org: OrgAccess, ref: string): Promise<bigint | null> {
    if (NUMERIC_ID.test(ref)) {
      const found = await db.issue.findUnique({
        where: { id: BigInt(ref) },
        select: { id: true, project: { select: { organizationId: true } } },
      });
      return found && found.project.organizationId === org.organization.id ? found.id : null;
    }
    const short = parseShortId(ref);
    if (!short) return null;
    const row = await issues.findByShortId(org.organization.id, short.projectSlug, short.shortId);
    return row && canSeeProject(org, row.project_id) ? row.id : null;
  }

  // A path-less middleware: the rewritten req.url then holds for the routes mounted after it.
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    const queryAt = req.url.indexOf("?");
    const path = queryAt < 0 ? req.url : req.url.slice(0, queryAt);
    const match = ORG_ISSUE_PATH.exec(path);
    if (!match) return next();
    const [, orgSlug, rawRef, rest] = match;
    const ref = decoded(rawRef!);
    const slug = decoded(orgSlug!);
    // Neither an id nor a short id: some other route's path, not an issue's.
    if (ref === null || slug === null || (!NUMERIC_ID.test(ref) && !parseShortId(ref))) return next();
    const org = await access.org(requirePrincipal(res), slug, "read");
    const issueId = await issueIdIn(org, ref);
    if (issueId === null) throw notFound("The requested resource does not exist");
    req.url = `/issues/${issueId}/${rest}${queryAt < 0 ? "" : req.url.slice(queryAt)}`;
    next();
  });

  router.get("/organizations/:org/shortids/:shortId/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "read");
    const short = parseShortId(req.params.shortId);
    const row = short ? await issues.findByShortId(org.organization.id, short.projectSlug, short.shortId) : null;
    if (!row || !canSeeProject(org, row.project_id)) throw notFound("Short ID not found");
    const [group] = await issues.serializeMany([row], "24h", new Date(), principal.user.id);
    res.json({
      organizationSlug: org.organization.slug,
      projectSlug: row.project_slug,
      groupId: String(row.id),
      group,
      shortId: group?.shortId,
    });
  });

  return router;
}
