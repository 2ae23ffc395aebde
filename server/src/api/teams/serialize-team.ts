import { sentryScopeNames, type Role, type Scope } from "../../auth/permissions";
import { teamRef } from "./team-ref";

/** Sentry's team (its TeamSerializer), with the team's projects when given (`detailed`). */
export function serializeTeam(
  team: { id: number; slug: string; name: string; createdAt: Date },
  caller: { role: Role; scopes: Scope[] },
  facts: { memberCount: number; isMember: boolean },
  projects?: unknown[],
) {
  const orgAdmin = caller.role === "owner" || caller.role === "admin";
  return {
    ...teamRef(team),
    dateCreated: team.createdAt.toISOString(),
    isMember: facts.isMember,
    // Sentry's team roles: organization admins administer every team; members contribute to theirs.
    teamRole: orgAdmin ? "admin" : facts.isMember ? "contributor" : null,
    flags: { "idp:provisioned": false },
    access: sentryScopeNames(caller.scopes),
    hasAccess: true,
    isPending: false,
    memberCount: facts.memberCount,
    avatar: { avatarType: "letter_avatar", avatarUuid: null },
    externalTeams: [] as unknown[],
    ...(projects ? { projects } : {}),
  };
}
