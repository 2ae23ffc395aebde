import type { Database } from "./client";
import type { Tx } from "./tx";

export interface TeamRow {
  id: number;
  organizationId: number;
  slug: string;
  name: string;
  createdAt: Date;
}

/**
 * The team new projects join when their creator names none: the organization's oldest team,
 * created (named and slugged after the organization, as Sentry's first team is) when it has none.
 */
export async function defaultTeamOf(
  tx: Tx | Database,
  organization: { id: number; slug: string; name: string },
): Promise<TeamRow> {
  const oldest = await tx.team.findFirst({ where: { organizationId: organization.id }, orderBy: { id: "asc" } });
  if (oldest) return oldest;
  return tx.team.upsert({
    where: { organizationId_slug: { organizationId: organization.id, slug: organization.slug } },
    create: { organizationId: organization.id, slug: organization.slug, name: organization.name },
    update: {},
  });
}

export function createTeamsRepo(db: Database) {
  return {
    list: (organizationId: number) => db.team.findMany({ where: { organizationId }, orderBy: { slug: "asc" } }),

    find: (organizationId: number, slug: string) =>
      db.team.findUnique({ where: { organizationId_slug: { organizationId, slug } } }),

    findById: (organizationId: number, id: number) => db.team.findFirst({ where: { organizationId, id } }),

    /** Null when the slug is taken in the organization. */
    async create(organizationId: number, slug: string, name: string): Promise<TeamRow | null> {
      const rows = await db.$queryRaw<TeamRow[]>`
        INSERT INTO "team" ("organization_id", "slug", "name") VALUES (${organizationId}, ${slug}, ${name})
        ON CONFLICT ("organization_id", "slug") DO NOTHING
        RETURNING "id", "organization_id" AS "organizationId", "slug", "name", "created_at" AS "createdAt"`;
      return rows[0] ?? null;
    },

    update: (id: number, data: { slug?: string; name?: string }) => db.team.update({ where: { id }, data }),

    remove: (id: number) => db.team.delete({ where: { id } }),

    /** Member counts and whether the user is in each team, for a list of teams. */
    async facts(teamIds: number[], userId: number) {
      const counts = await db.teamMember.groupBy({
        by: ["teamId"],
        where: { teamId: { in: teamIds } },
        _count: { _all: true },
      });
      const own = await db.teamMember.findMany({
        where: { teamId: { in: teamIds }, member: { userId } },
        select: { teamId: true },
      });
      const mine = new Set(own.map((row) => row.teamId));
      const countOf = new Map(counts.map((row) => [row.teamId, row._count._all]));
      return (teamId: number) => ({ memberCount: countOf.get(teamId) ?? 0, isMember: mine.has(teamId) });
    },

    members: (teamId: number) =>
      db.teamMember.findMany({
        where: { teamId },
        orderBy: { memberId: "asc" },
        select: {
          member: {
            select: { id: true, role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
          },
        },
      }),

    /** Idempotent: false when the member was in the team already. */
    async addMember(teamId: number, memberId: number): Promise<boolean> {
      const added = await db.$executeRaw`
        INSERT INTO "team_member" ("team_id", "member_id") VALUES (${teamId}, ${memberId}) ON CONFLICT DO NOTHING`;
      return added > 0;
    },

    async removeMember(teamId: number, memberId: number): Promise<boolean> {
      const { count } = await db.teamMember.deleteMany({ where: { teamId, memberId } });
      return count > 0;
    },

    async addProject(teamId: number, projectId: number): Promise<boolean> {
      const added = await db.$executeRaw`
        INSERT INTO "project_team" ("project_id", "team_id") VALUES (${projectId}, ${teamId}) ON CONFLICT DO NOTHING`;
      return added > 0;
    },

    async removeProject(teamId: number, projectId: number): Promise<boolean> {
      const { count } = await db.projectTeam.deleteMany({ where: { teamId, projectId } });
      return count > 0;
    },

    projectIdsOf: async (teamId: number) =>
      (
        await db.projectTeam.findMany({ where: { teamId }, select: { projectId: true }, orderBy: { projectId: "asc" } })
      ).map((row) => row.projectId),

    /** Each project's teams, oldest link first (Sentry's `team` on a project is the first). */
    async teamsOfProjects(projectIds: number[]): Promise<Map<number, TeamRow[]>> {
      const rows = await db.projectTeam.findMany({
        where: { projectId: { in: projectIds } },
        orderBy: [{ createdAt: "asc" }, { teamId: "asc" }],
        include: { team: true },
      });
      const out = new Map<number, TeamRow[]>();
      for (const row of rows) out.set(row.projectId, [...(out.get(row.projectId) ?? []), row.team]);
      return out;
    },

    /** Each organization member's teams (slugs), for the members list. */
    async teamSlugsOfMembers(memberIds: number[]): Promise<Map<number, string[]>> {
      const rows = await db.teamMember.findMany({
        where: { memberId: { in: memberIds } },
        select: { memberId: true, team: { select: { slug: true } } },
        orderBy: { team: { slug: "asc" } },
      });
      const out = new Map<number, string[]>();
      for (const row of rows) out.set(row.memberId, [...(out.get(row.memberId) ?? []), row.team.slug]);
      return out;
    },

    /** The ids of the teams a user is in, in one organization. */
    teamIdsOfUser: async (organizationId: number, userId: number) =>
      (
        await db.teamMember.findMany({
          where: { team: { organizationId }, member: { userId } },
          select: { teamId: true },
        })
      ).map((row) => row.teamId),

    /** The projects the user's teams have access to (what a member sees without open membership). */
    projectIdsOfUser: async (organizationId: number, userId: number) =>
      (
        await db.projectTeam.findMany({
          where: { team: { organizationId, members: { some: { member: { userId } } } } },
          select: { projectId: true },
          distinct: ["projectId"],
        })
      ).map((row) => row.projectId),
  };
}

export type TeamsRepo = ReturnType<typeof createTeamsRepo>;
