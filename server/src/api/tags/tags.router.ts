import { createProjectTagsRepo, type Database } from "@faultline/db";
import { Router, type Request } from "express";
import { visibleProjects, type Access, type OrgAccess } from "../access";
import { badRequest } from "../api-error";
import { pageSize } from "../pagination";
import { requirePrincipal } from "../principal";
import { projectIdsParam, queryString } from "../validate";

/**
 * Sentry's organization tags, which its search bar suggests from: `GET /organizations/{org}/tags/`
 * (keys, with how many values each has) and `GET /organizations/{org}/tags/{key}/values/?query=`
 * (values containing the query). `?project=` narrows both; keys and values come from the
 * projects' most recently seen issues (see TAG_SUGGESTION_ISSUES).
 */
export function createTagsRouter(deps: { db: Database; access: Access }): Router {
  const { db, access } = deps;
  const tags = createProjectTagsRepo(db);
  const router = Router();

  async function projectIds(org: OrgAccess, req: Request): Promise<number[]> {
    const wanted = projectIdsParam(req.query.project);
    const projects = await db.project.findMany({
      where: visibleProjects(org, wanted),
      select: { id: true },
    });
    return projects.map((project) => project.id);
  }

  router.get("/organizations/:org/tags/", async (req, res) => {
    const org = await access.org(requirePrincipal(res), req.params.org, "read");
    const rows = await tags.keys(await projectIds(org, req), pageSize(req, 1000, 1000));
    res.json(rows.map((row) => ({ key: row.key, name: row.key, totalValues: Number(row.values) })));
  });

  router.get("/organizations/:org/tags/:key/values/", async (req, res) => {
    const org = await access.org(requirePrincipal(res), req.params.org, "read");
    const query = queryString(req.query.query) ?? "";
    if (query.length > 200) throw badRequest("query: at most 200 characters");
    const rows = await tags.values(await projectIds(org, req), req.params.key, query, pageSize(req, 100, 1000));
    res.json(
      rows.map((row) => ({
        key: req.params.key,
        name: row.value,
        value: row.value,
        count: Number(row.events),
        firstSeen: row.first_seen.toISOString(),
        lastSeen: row.last_seen.toISOString(),
      })),
    );
  });

  return router;
}
