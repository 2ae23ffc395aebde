import { createMembersRepo, type Database, type LockedMembers } from "@faultline/db";
import { canAssignRole, effectiveScopes, type Role } from "../../auth/permissions";
import type { OrgAccess } from "../access";
import { badRequest, forbidden, notFound } from "../api-error";
import { tokenScopesOf, type Principal } from "../principal";

export type MemberRow = Awaited<ReturnType<ReturnType<typeof createMembersRepo>["list"]>>[number];

const ONE_OWNER = "An organization needs at least one owner.";

/**
 * Membership changes. Each runs under the organization's lock and checks everything again
 * inside it — the caller's role, the member's role, the owner count — so two owners demoting or
 * removing themselves (or each other) at the same moment cannot leave the organization ownerless.
 */
export function createMembersService(db: Database) {
  const members = createMembersRepo(db);

  async function locked<T>(
    principal: Principal,
    org: OrgAccess,
    change: (locked: LockedMembers, actorRole: Role) => Promise<T>,
  ): Promise<T> {
    const result = await members.changeLocked(org.organization.id, async (locked) => {
      // The caller's role as it is now: a change that finished while this one waited may have
      // demoted or removed them.
      const role = (await locked.roleOf(principal.user.id)) ?? (principal.user.isSuperuser ? "owner" : null);
      if (!role) throw notFound("The requested resource does not exist");
      if (!effectiveScopes(role, tokenScopesOf(principal)).includes("admin"))
        throw forbidden(`Your role (${role}) does not allow this.`);
      return { value: await change(locked, role) };
    });
    if (!result) throw notFound("The requested resource does not exist");
    return result.value;
  }

  async function target(locked: LockedMembers, id: number | undefined) {
    const member = id === undefined ? null : await locked.find(id);
    if (!member) throw notFound();
    return member;
  }

  return {
    list: (organizationId: number) => members.list(organizationId),

    async setRole(principal: Principal, org: OrgAccess, memberId: number | undefined, role: Role) {
      return locked(principal, org, async (locked, actorRole) => {
        const member = await target(locked, memberId);
        if (!canAssignRole(actorRole, role) || !canAssignRole(actorRole, member.role))
          throw forbidden("Only owners can change owners.");
        if (member.role === "owner" && role !== "owner" && (await locked.countOwners()) <= 1)
          throw badRequest("role: an organization needs at least one owner");
        return { before: member, after: await locked.setRole(member.id, role) };
      });
    },

    async remove(principal: Principal, org: OrgAccess, memberId: number | undefined) {
      return locked(principal, org, async (locked, actorRole) => {
        const member = await target(locked, memberId);
        if (!canAssignRole(actorRole, member.role)) throw forbidden("Only owners can remove owners.");
        if (member.role === "owner" && (await locked.countOwners()) <= 1) throw badRequest(ONE_OWNER);
        await locked.remove(member.id);
        return member;
      });
    },
  };
}

export type MembersService = ReturnType<typeof createMembersService>;
