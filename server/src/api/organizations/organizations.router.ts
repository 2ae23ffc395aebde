import { createProjectBody } from "@faultline/core";
import { createMembersRepo, createProjectsRepo, createTeamsRepo, defaultTeamOf, type Database } from "@faultline/db";
import { Router } from "express";
import { visibleProjects, type Access, type OrgAccess } from "../access";
import type { AuditTrail } from "../audit";
import { conflict, forbidden } from "../api-error";
import { effectiveScopes } from "../../auth/permissions";
import { createProjectSummaries } from "../projects/project-summaries";
import { serializeTeam } from "../teams/serialize-team";
import { requirePrincipal, tokenScopesOf } from "../principal";
import { parse } from "../validate";
import { serializeOrganization, serializeOrganizationDetail } from "./serialize-organization";

/** `/organizations/`, `/organizations/{org}/`, and the organization's projects. */
export function createOrganizationsRouter(deps: {
  db: Database;
  access: Access;
  audit: AuditTrail;
  publicUrl: string;
}): Router {
  const { db, access, audit, publicUrl } = deps;
  const members = createMembersRepo(db);
  const teams = createTeamsRepo(db);
  const summaries = createProjectSummaries(db);
  const organizationOf = (org: Parameters<typeof serializeOrganization>[0]) => serializeOrganization(org, publicUrl);
  const router = Router();

  /** The organization's projects the caller may see (see access.ts for open membership). */
  const projectsOf = (org: OrgAccess) => db.project.findMany({ where: visibleProjects(org), orderBy: { slug: "asc" } });

  router.get("/organizations/", async (_req, res) => {
    const principal = requirePrincipal(res);
    res.json((await members.organizationsFor(principal.user)).map(organizationOf));
  });

  // Sentry's organization creation; superusers only (a fresh install's first user creates the first one).
  router.post("/organizations/", async (req, res) => {
    const principal = requirePrincipal(res);
    if (!principal.user.isSuperuser) throw forbidden();
    const body = parse(createProjectBody.pick({ name: true, slug: true }), req.body);
    const slug =
      body.slug ??
      (body.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, 50) ||
        "organization");
    if (await db.organization.findUnique({ where: { slug } }))
      throw conflict(`An organization "${slug}" exists already.`);
    const org = await db.organization.create({ data: { slug, name: body.name } });
    const owner = await members.ensure(org.id, principal.user.id, "owner");
    // Its first team, with the creator in it: the team new projects join.
    await teams.addMember((await defaultTeamOf(db, org)).id, owner.id);
    await audit(req, principal, org.id, "org.create", org.slug, { name: body.name });
    res.status(201).json(organizationOf(org));
  });

  /** Sentry's `GET /api/0/projects/`: every project the caller can see, across organizations. */
  router.get("/projects/", async (_req, res) => {
    const principal = requirePrincipal(res);
    const orgs = await members.organizationsFor(principal.user);
    const list = await db.project.findMany({
      where: { organizationId: { in: orgs.map((org) => org.id) } },
      orderBy: [{ organizationId: "asc" }, { slug: "asc" }],
      include: { organization: true },
    });
    const out = [];
    for (const org of orgs) {
      // Without open membership, members and viewers see their teams' projects (as access.ts).
      const limited = !org.openMembership && (org.role === "member" || org.role === "viewer");
      const mine = limited ? new Set(await teams.projectIdsOfUser(org.id, principal.user.id)) : null;
      const own = list.filter((project) => project.organizationId === org.id && (!mine || mine.has(project.id)));
      if (own.length === 0) continue;
      const scopes = effectiveScopes(org.role, tokenScopesOf(principal));
      const serialized = await summaries.summarize(org, scopes, own);
      out.push(...serialized.map((project) => ({ ...project, organization: organizationOf(org) })));
    }
    res.json(out);
  });

  router.get("/organizations/:org/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "read");
    const list = await summaries.summarize(org.organization, org.scopes, await projectsOf(org));
    const teamRows = await teams.list(org.organization.id);
    const factsOf = await teams.facts(
      teamRows.map((team) => team.id),
      principal.user.id,
    );
    const teamList = teamRows.map((team) => serializeTeam(team, org, factsOf(team.id)));
    res.json(serializeOrganizationDetail(org.organization, publicUrl, org, list, teamList));
  });

  router.get("/organizations/:org/projects/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "read");
    res.json(await summaries.summarize(org.organization, org.scopes, await projectsOf(org)));
  });

  router.post("/organizations/:org/projects/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "admin");
    const body = parse(createProjectBody, req.body);
    const created = await createProjectsRepo(db).createProject({
      orgSlug: org.organization.slug,
      name: body.name,
      ...(body.platform ? { platform: body.platform } : {}),
      ...(body.slug ? { slug: body.slug } : {}),
    });
    await audit(req, principal, org.organization.id, "project.create", created.projectSlug, { name: body.name });
    const project = await db.project.findUniqueOrThrow({ where: { id: created.projectId } });
    const [summary] = await summaries.summarize(org.organization, org.scopes, [project]);
    res.status(201).json(summary);
  });

  return router;
}
