import { parseInt4Id } from "@faultline/core";
import { createProjectsRepo, createTeamsRepo, type Database } from "@faultline/db";
import { Router, type Request, type Response } from "express";
import { visibleProjects, type Access, type OrgAccess } from "../access";
import { conflict, forbidden, notFound } from "../api-error";
import type { AuditTrail } from "../audit";
import { createProjectSummaries } from "../projects/project-summaries";
import { requirePrincipal, type Principal } from "../principal";
import { parse, queryString } from "../validate";
import { serializeTeam } from "./serialize-team";
import { createTeamBody, teamProjectBody, updateTeamBody, slugOfName } from "./team-bodies";

/**
 * Sentry's team paths: `/organizations/{org}/teams/`, `/teams/{org}/{team}/` with its members
 * and projects, joining and leaving (`/organizations/{org}/members/{member}/teams/{team}/`) and
 * project access (`/projects/{org}/{project}/teams/{team}/`). Admins and owners manage teams;
 * a member may join or leave a team themselves while the organization has open membership.
 */
export function createTeamsRouter(deps: { db: Database; access: Access; audit: AuditTrail }): Router {
  const { db, access, audit } = deps;
  const teams = createTeamsRepo(db);
  const summaries = createProjectSummaries(db);
  const router = Router();

  async function teamIn(org: OrgAccess, slug: string) {
    const team = await teams.find(org.organization.id, slug);
    if (!team) throw notFound("Team not found");
    return team;
  }

  /** The team's projects the caller may see, in Sentry's project summary shape. */
  async function projectsOf(org: OrgAccess, teamId: number) {
    const ids = await teams.projectIdsOf(teamId);
    const rows = await db.project.findMany({
      where: { ...visibleProjects(org), id: { in: ids } },
      orderBy: { slug: "asc" },
    });
    return summaries.summarize(org.organization, org.scopes, rows);
  }

  async function serializeOne(
    org: OrgAccess,
    principal: Principal,
    team: { id: number } & Parameters<typeof serializeTeam>[0],
    detailed: boolean,
  ) {
    const factsOf = await teams.facts([team.id], principal.user.id);
    return serializeTeam(team, org, factsOf(team.id), detailed ? await projectsOf(org, team.id) : undefined);
  }

  router.get("/organizations/:org/teams/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "read");
    const list = await teams.list(org.organization.id);
    const factsOf = await teams.facts(
      list.map((team) => team.id),
      principal.user.id,
    );
    // Sentry includes each team's projects unless `detailed=0`.
    const detailed = queryString(req.query.detailed) !== "0";
    const out = [];
    for (const team of list)
      out.push(serializeTeam(team, org, factsOf(team.id), detailed ? await projectsOf(org, team.id) : undefined));
    res.json(out);
  });

  router.post("/organizations/:org/teams/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "admin");
    const body = parse(createTeamBody, req.body);
    const slug = body.slug ?? slugOfName(body.name ?? "");
    const team = await teams.create(org.organization.id, slug, body.name ?? slug);
    if (!team) throw conflict(`A team "${slug}" exists already in this organization.`);
    // The creator joins the team they made, as in Sentry.
    const own = await db.organizationMember.findUnique({
      where: { organizationId_userId: { organizationId: org.organization.id, userId: principal.user.id } },
    });
    if (own) await teams.addMember(team.id, own.id);
    await audit(req, principal, org.organization.id, "team.create", team.slug, { name: team.name });
    res.status(201).json(await serializeOne(org, principal, team, false));
  });

  router.get("/teams/:org/:team/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "read");
    res.json(await serializeOne(org, principal, await teamIn(org, req.params.team), true));
  });

  router.put("/teams/:org/:team/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "admin");
    const team = await teamIn(org, req.params.team);
    const body = parse(updateTeamBody, req.body);
    if (body.slug !== undefined && body.slug !== team.slug && (await teams.find(org.organization.id, body.slug)))
      throw conflict(`A team "${body.slug}" exists already in this organization.`);
    const updated = await teams.update(team.id, body);
    await audit(req, principal, org.organization.id, "team.edit", updated.slug, {
      changed: Object.keys(body),
      ...(updated.slug !== team.slug ? { previousSlug: team.slug } : {}),
    });
    res.json(await serializeOne(org, principal, updated, false));
  });

  router.delete("/teams/:org/:team/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "admin");
    const team = await teamIn(org, req.params.team);
    await teams.remove(team.id);
    await audit(req, principal, org.organization.id, "team.remove", team.slug);
    res.status(204).end();
  });

  router.get("/teams/:org/:team/members/", async (req, res) => {
    const org = await access.org(requirePrincipal(res), req.params.org, "read");
    const team = await teamIn(org, req.params.team);
    res.json(
      (await teams.members(team.id)).map(({ member }) => ({
        id: String(member.id),
        email: member.user.email,
        name: member.user.name || member.user.email,
        role: member.role,
        orgRole: member.role,
        teamRole: member.role === "owner" || member.role === "admin" ? "admin" : "contributor",
        pending: false,
        expired: false,
        dateCreated: member.createdAt.toISOString(),
        user: { id: String(member.user.id), email: member.user.email, name: member.user.name || member.user.email },
      })),
    );
  });

  router.get("/teams/:org/:team/projects/", async (req, res) => {
    const org = await access.org(requirePrincipal(res), req.params.org, "read");
    res.json(await projectsOf(org, (await teamIn(org, req.params.team)).id));
  });

  // Sentry creates projects through a team: the new project joins it.
  router.post("/teams/:org/:team/projects/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "admin");
    const team = await teamIn(org, req.params.team);
    const body = parse(teamProjectBody, req.body);
    const created = await createProjectsRepo(db).createProject({
      orgSlug: org.organization.slug,
      name: body.name,
      teamId: team.id,
      ...(body.platform ? { platform: body.platform } : {}),
      ...(body.slug ? { slug: body.slug } : {}),
    });
    await audit(req, principal, org.organization.id, "project.create", created.projectSlug, {
      name: body.name,
      team: team.slug,
    });
    const project = await db.project.findUniqueOrThrow({ where: { id: created.projectId } });
    const [summary] = await summaries.summarize(org.organization, org.scopes, [project]);
    res.status(201).json(summary);
  });

  /**
   * The organization member a join/leave path names (`me` is the caller), and whether the caller
   * may move them: admins anyone; others only themselves, and only with open membership.
   */
  async function memberFor(req: Request, res: Response) {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, String(req.params.org), "read");
    const raw = String(req.params.member);
    const member =
      raw === "me"
        ? await db.organizationMember.findUnique({
            where: { organizationId_userId: { organizationId: org.organization.id, userId: principal.user.id } },
          })
        : await db.organizationMember.findFirst({
            where: { organizationId: org.organization.id, id: parseInt4Id(raw) ?? -1 },
          });
    if (!member) throw notFound("Member not found");
    const team = await teamIn(org, String(req.params.team));
    if (!org.scopes.includes("admin")) {
      access.demand(org, "write", principal);
      if (member.userId !== principal.user.id)
        throw forbidden(`Your role (${org.role}) does not allow this: only admins move other members.`);
      if (!org.organization.openMembership)
        throw forbidden("Without open membership, only admins add members to teams or remove them.");
    }
    const email = (await db.user.findUniqueOrThrow({ where: { id: member.userId } })).email;
    return { principal, org, member, team, email };
  }

  const memberTeam = "/organizations/:org/members/:member/teams/:team/";
  router.post(memberTeam, async (req, res) => {
    const { principal, org, member, team, email } = await memberFor(req, res);
    const added = await teams.addMember(team.id, member.id);
    if (added) await audit(req, principal, org.organization.id, "team.add-member", team.slug, { member: email });
    // Sentry: 201 with the team when added, 204 when the member was in it already.
    if (!added) return void res.status(204).end();
    res.status(201).json(await serializeOne(org, principal, team, false));
  });

  router.delete(memberTeam, async (req, res) => {
    const { principal, org, member, team, email } = await memberFor(req, res);
    if (await teams.removeMember(team.id, member.id))
      await audit(req, principal, org.organization.id, "team.remove-member", team.slug, { member: email });
    res.json(await serializeOne(org, principal, team, false));
  });

  router.get("/projects/:org/:project/teams/", async (req, res) => {
    const principal = requirePrincipal(res);
    const found = await access.project(principal, req.params.org, req.params.project, "read");
    const linked = (await teams.teamsOfProjects([found.project.id])).get(found.project.id) ?? [];
    const factsOf = await teams.facts(
      linked.map((team) => team.id),
      principal.user.id,
    );
    res.json(linked.map((team) => serializeTeam(team, found, factsOf(team.id))));
  });

  const projectTeam = "/projects/:org/:project/teams/:team/";
  async function projectAndTeam(req: Request, res: Response) {
    const principal = requirePrincipal(res);
    const found = await access.project(principal, String(req.params.org), String(req.params.project), "admin");
    return { principal, found, team: await teamIn(found, String(req.params.team)) };
  }

  async function projectJson(found: OrgAccess & { project: { id: number } }) {
    const project = await db.project.findUnique({ where: { id: found.project.id } });
    const [summary] = await summaries.summarize(found.organization, found.scopes, project ? [project] : []);
    return summary;
  }

  router.post(projectTeam, async (req, res) => {
    const { principal, found, team } = await projectAndTeam(req, res);
    if (await teams.addProject(team.id, found.project.id))
      await audit(req, principal, found.organization.id, "project.add-team", found.project.slug, { team: team.slug });
    res.status(201).json(await projectJson(found));
  });

  router.delete(projectTeam, async (req, res) => {
    const { principal, found, team } = await projectAndTeam(req, res);
    if (await teams.removeProject(team.id, found.project.id))
      await audit(req, principal, found.organization.id, "project.remove-team", found.project.slug, {
        team: team.slug,
      });
    res.json(await projectJson(found));
  });

  return router;
}
