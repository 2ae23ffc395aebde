import { createMembersRepo, type Database } from "@faultline/db";
import { effectiveScopes, type Role, type Scope } from "../auth/permissions";
import { forbidden, notFound } from "./api-error";
import { tokenScopesOf, type Principal } from "./principal";

export interface OrgAccess {
  organization: { id: number; slug: string; name: string; createdAt: Date };
  role: Role;
  scopes: Scope[];
}

/**
 * Every organization-scoped route starts here. Not a member → 404, exactly as if the slug did
 * not exist (no cross-organization leaks); a member without the scope → 403.
 */
export function createAccess(db: Database) {
  const members = createMembersRepo(db);

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
    const access = { ...found, scopes: effectiveScopes(found.role, tokenScopesOf(principal)) };
    demand(access, need, principal);
    return access;
  }

  async function project(principal: Principal, orgSlug: string, projectSlug: string, need: Scope) {
    const access = await org(principal, orgSlug, need);
    const found = await db.project.findUnique({
      where: { organizationId_slug: { organizationId: access.organization.id, slug: projectSlug } },
    });
    if (!found) throw notFound("The requested resource does not exist");
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
    demand(access, need, principal);
    return { ...access, issue: found, project: found.project };
  }

  return { org, project, issue, demand };
}

export type Access = ReturnType<typeof createAccess>;
