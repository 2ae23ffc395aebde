import { createMembersRepo, createTeamsRepo, type Database } from "@faultline/db";
import { effectiveScopes, type Role, type Scope } from "../auth/permissions";
import { forbidden, notFound } from "./api-error";
import { tokenScopesOf, type Principal } from "./principal";

export interface OrgAccess {
  organization: {
    id: number;
    slug: string;
    name: string;
    createdAt: Date;
    openMembership: boolean;
    require2FA: boolean;
  };
  role: Role;
  scopes: Scope[];
  /**
   * The projects the caller may see: null for all of them (open membership, admins and owners),
   * else their teams' projects. Every project, issue and event the caller reaches goes through
   * `project`/`issue` below or an organization-wide list filtered by `visibleProjects`.
   */
  projectIds: number[] | null;
}

/**
 * A Prisma `where` for an organization's projects that the caller may see, narrowed to `wanted`
 * when it lists any (ids the caller may not see, or of other organizations, match nothing).
 */
export function visibleProjects(
  access: OrgAccess,
  wanted: number[] = [],
): { organizationId: number; id?: { in: number[] } } {
  const allowed = access.projectIds === null ? null : new Set(access.projectIds);
  const ids = wanted.length ? wanted.filter((id) => !allowed || allowed.has(id)) : allowed ? [...allowed] : null;
  return ids === null
    ? { organizationId: access.organization.id }
    : { organizationId: access.organization.id, id: { in: ids } };
}

/** Whether the caller may see this project (a project they may not see reads as missing). */
export function canSeeProject(access: OrgAccess, projectId: number): boolean {
  return access.projectIds === null || access.projectIds.includes(projectId);
}

/**
 * Sentry's require2FA: a member signed in without two-factor authentication may not use the
 * organization until they turn it on (the dashboard sends them to the account page). API tokens
 * are not affected: a token is already a second credential, and scripts cannot answer a code.
 */
function requireSecondFactor(organization: { require2FA: boolean }, principal: Principal): void {
  if (organization.require2FA && principal.via === "session" && !principal.user.has2fa)
    throw forbidden(
      "This organization requires two-factor authentication: turn it on in your account settings to continue.",
    );
}

/**
 * Every organization-scoped route starts here. Not a member → 404, exactly as if the slug did
 * not exist (no cross-organization leaks); a member without the scope → 403.
 */
export function createAccess(db: Database) {
  const members = createMembersRepo(db);
  const teams = createTeamsRepo(db);

  function demand(access: OrgAccess, need: Scope, principal: Principal): void {
    if (access.scopes.includes(need)) return;
    const tokenLacks = principal.via === "token" && !principal.tokenScopes.includes(need);
    throw forbidden(
      tokenLacks ? `This token lacks the "${need}" scope.` : `Your role (${access.role}) does not allow this.`,
    );
  }

  async function org(principal: Principal, slug: string, need: Scope): Promise<OrgAccess> {
    const found = await members.findAccess(slug, principal.user);
    if (!found) throw notFound("The requested resource does not exist");
    requireSecondFactor(found.organization, principal);
    // Without open membership, members and viewers see only their teams' projects (Sentry's rule).
    const limited = !found.organization.openMembership && (found.role === "member" || found.role === "viewer");
    const access: OrgAccess = {
      ...found,
      scopes: effectiveScopes(found.role, tokenScopesOf(principal)),
      projectIds: limited ? await teams.projectIdsOfUser(found.organization.id, principal.user.id) : null,
    };
    demand(access, need, principal);
    return access;
  }

  async function project(principal: Principal, orgSlug: string, projectSlug: string, need: Scope) {
    const access = await org(principal, orgSlug, need);
    const found = await db.project.findUnique({
      where: { organizationId_slug: { organizationId: access.organization.id, slug: projectSlug } },
    });
    if (!found || !canSeeProject(access, found.id)) throw notFound("The requested resource does not exist");
    return { ...access, project: found };
  }

  /** An issue by its numeric id, through its project's organization. */
  async function issue(principal: Principal, rawId: string, need: Scope) {
    if (!/^\d{1,18}$/.test(rawId)) throw notFound("The requested resource does not exist");
    const found = await db.issue.findUnique({
      where: { id: BigInt(rawId) },
      include: { project: { include: { organization: true } } },
    });
    if (!found) throw notFound("The requested resource does not exist");
    const access = await org(principal, found.project.organization.slug, "read");
    if (!canSeeProject(access, found.projectId)) throw notFound("The requested resource does not exist");
    demand(access, need, principal);
    return { ...access, issue: found, project: found.project };
  }

  return { org, project, issue, demand };
}

export type Access = ReturnType<typeof createAccess>;
