import type { Database } from "@faultline/db";

/**
 * Puts a member who just accepted an invitation into the teams named on it (slugs). Teams
 * deleted since the invitation are skipped; teams the member is already in are kept.
 */
export async function joinInvitedTeams(
  db: Database,
  accepted: { organizationId: number; memberId: number; teams: string[] },
): Promise<void> {
  if (accepted.teams.length === 0) return;
  const teams = await db.team.findMany({
    where: { organizationId: accepted.organizationId, slug: { in: accepted.teams } },
    select: { id: true },
  });
  await db.teamMember.createMany({
    data: teams.map((team) => ({ teamId: team.id, memberId: accepted.memberId })),
    skipDuplicates: true,
  });
}

/** The slugs among `slugs` that name no team of the organization (an invitation must not name those). */
export async function unknownTeams(db: Database, organizationId: number, slugs: string[]): Promise<string[]> {
  if (slugs.length === 0) return [];
  const found = await db.team.findMany({
    where: { organizationId, slug: { in: slugs } },
    select: { slug: true },
  });
  const known = new Set(found.map((team) => team.slug));
  return slugs.filter((slug) => !known.has(slug));
}
