import { addMemberBody, updateMemberBody } from "@faultline/core";
import { createMembersRepo, createUsersRepo, type Database } from "@faultline/db";
import { Router } from "express";
import { canAssignRole } from "../../auth/permissions";
import type { Access } from "../access";
import { badRequest, conflict, forbidden, notFound } from "../api-error";
import type { AuditTrail } from "../audit";
import { requirePrincipal } from "../principal";
import { parse } from "../validate";

type MemberRow = Awaited<ReturnType<ReturnType<typeof createMembersRepo>["list"]>>[number];

function serializeMember(member: MemberRow) {
  return {
    id: String(member.id),
    email: member.user.email,
    name: member.user.name || member.user.email,
    role: member.role,
    orgRole: member.role,
    roleName: member.role[0]?.toUpperCase() + member.role.slice(1),
    pending: false,
    expired: false,
    dateCreated: member.createdAt.toISOString(),
    user: { id: String(member.user.id), email: member.user.email, name: member.user.name || member.user.email },
  };
}

/** Sentry's `/organizations/{org}/members/`; new members are existing users (no invitations). */
export function createMembersRouter(deps: { db: Database; access: Access; audit: AuditTrail }): Router {
  const { db, access, audit } = deps;
  const members = createMembersRepo(db);
  const users = createUsersRepo(db);
  const router = Router();

  router.get("/organizations/:org/members/", async (req, res) => {
    const org = await access.org(requirePrincipal(res), req.params.org, "read");
    res.json((await members.list(org.organization.id)).map(serializeMember));
  });

  router.post("/organizations/:org/members/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "admin");
    const body = parse(addMemberBody, req.body);
    if (!canAssignRole(org.role, body.role)) throw forbidden("Only owners can add owners.");
    const user = await users.findByEmail(body.email);
    if (!user) throw badRequest("email: no user with this email; create the account first");
    const existing = (await members.list(org.organization.id)).find((member) => member.user.id === user.id);
    if (existing) throw conflict("This user is already a member.");
    const member = await members.add(org.organization.id, user.id, body.role);
    await audit(req, principal, org.organization.id, "member.add", user.email, { role: body.role });
    res.status(201).json(serializeMember(member));
  });

  async function target(organizationId: number, rawId: string) {
    const id = Number(rawId);
    const member = Number.isSafeInteger(id) ? await members.find(organizationId, id) : null;
    if (!member) throw notFound();
    return member;
  }

  router.put("/organizations/:org/members/:memberId/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "admin");
    const member = await target(org.organization.id, req.params.memberId);
    const body = parse(updateMemberBody, req.body);
    if (!canAssignRole(org.role, body.role) || !canAssignRole(org.role, member.role))
      throw forbidden("Only owners can change owners.");
    if (member.role === "owner" && body.role !== "owner" && (await members.countOwners(org.organization.id)) <= 1)
      throw badRequest("role: an organization needs at least one owner");
    const updated = await members.setRole(member.id, body.role);
    await audit(req, principal, org.organization.id, "member.edit", member.user.email, {
      from: member.role,
      to: body.role,
    });
    res.json(serializeMember(updated));
  });

  router.delete("/organizations/:org/members/:memberId/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "admin");
    const member = await target(org.organization.id, req.params.memberId);
    if (!canAssignRole(org.role, member.role)) throw forbidden("Only owners can remove owners.");
    if (member.role === "owner" && (await members.countOwners(org.organization.id)) <= 1)
      throw badRequest("An organization needs at least one owner.");
    await members.remove(member.id);
    await audit(req, principal, org.organization.id, "member.remove", member.user.email);
    res.status(204).end();
  });

  return router;
}
