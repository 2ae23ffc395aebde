import { createProjectAdminRepo, type Database } from "@faultline/db";
import { Router, type Request, type Response } from "express";
import type { Access } from "../access";
import { notFound } from "../api-error";
import { createProjectSummaries } from "../projects/project-summaries";
import { requirePrincipal } from "../principal";
import { queryString } from "../validate";
import { serializeTeam } from "./serialize-team";

/**
 * Sentry's team paths, answered for the organization's one implied team (slug = the
 * organization's): `/organizations/{org}/teams/`, `/teams/{org}/{team}/` and its projects.
 */
export function createTeamsRouter(deps: { db: Database; access: Access }): Router {
  const { db, access } = deps;
  const projects = createProjectAdminRepo(db);
  const summaries = createProjectSummaries(db);
  const router = Router();

  async function teamOf(req: Request, res: Response, teamSlug?: string) {
    const found = await access.org(requirePrincipal(res), String(req.params.org), "read");
    if (teamSlug !== undefined && teamSlug !== found.organization.slug) throw notFound("Team not found");
    const list = await summaries.summarize(
      found.organization,
      found.scopes,
      await projects.listForOrganization(found.organization.id),
    );
    const memberCount = await db.organizationMember.count({ where: { organizationId: found.organization.id } });
    return { found, list, memberCount };
  }

  router.get("/organizations/:org/teams/", async (req, res) => {
    const { found, list, memberCount } = await teamOf(req, res);
    // Sentry includes each team's projects unless `detailed=0`.
    const detailed = queryString(req.query.detailed) !== "0";
    res.json([serializeTeam(found.organization, found, memberCount, detailed ? list : undefined)]);
  });

  router.get("/teams/:org/:team/", async (req, res) => {
    const { found, list, memberCount } = await teamOf(req, res, req.params.team);
    res.json(serializeTeam(found.organization, found, memberCount, list));
  });

  router.get("/teams/:org/:team/projects/", async (req, res) => {
    const { list } = await teamOf(req, res, req.params.team);
    res.json(list);
  });

  return router;
}
