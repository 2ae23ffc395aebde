import { sentryScopeNames, type Role, type Scope } from "../../auth/permissions";
import { defaultTeam } from "./default-team";

/** Sentry's team, for the organization's one implied team (see default-team.ts). */
export function serializeTeam(
  organization: { id: number; slug: string; name: string; createdAt: Date },
  caller: { role: Role; scopes: Scope[] },
  memberCount: number,
  projects?: unknown[],
) {
  return {
    ...defaultTeam(organization),
    dateCreated: organization.createdAt.toISOString(),
    isMember: true,
    // Sentry's team roles: organization admins administer every team.
    teamRole: caller.role === "owner" || caller.role === "admin" ? "admin" : "contributor",
    flags: { "idp:provisioned": false },
    access: sentryScopeNames(caller.scopes),
    hasAccess: true,
    isPending: false,
    memberCount,
    avatar: { avatarType: "letter_avatar", avatarUuid: null },
    externalTeams: [] as unknown[],
    ...(projects ? { projects } : {}),
  };
}
