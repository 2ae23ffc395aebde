import { addMemberBody, parseInt4Id, updateMemberBody } from "@faultline/core";
import type { Database } from "@faultline/db";
import { Router } from "express";
import type { Access } from "../access";
import type { AuditTrail } from "../audit";
import { requirePrincipal } from "../principal";
import { parse } from "../validate";
import { createMembersService, type MemberRow } from "./members.service";

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

/**
 * Sentry's `/organizations/{org}/members/`; new members are existing users (no invitations yet).
 * Adding answers 202 with the same body whether or not an account has the email, so the form
 * cannot be used to find out who has an account.
 */
export function createMembersRouter(deps: { db: Database; access: Access; audit: AuditTrail }): Router {
  const { db, access, audit } = deps;
  const members = createMembersService(db);
  const router = Router();

  router.get("/organizations/:org/members/", async (req, res) => {
    const org = await access.org(requirePrincipal(res), req.params.org, "read");
    res.json((await members.list(org.organization.id)).map(serializeMember));
  });

  router.post("/organizations/:org/members/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "admin");
    const body = parse(addMemberBody, req.body);
    const { added } = await members.add(principal, org, body.email, body.role);
    if (added) await audit(req, principal, org.organization.id, "member.add", added.user.email, { role: body.role });
    res.status(202).json({
      email: body.email,
      role: body.role,
      detail: "If an account with this email exists, it is now a member with this role.",
    });
  });

  router.put("/organizations/:org/members/:memberId/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "admin");
    const body = parse(updateMemberBody, req.body);
    const { before, after } = await members.setRole(principal, org, parseInt4Id(req.params.memberId), body.role);
    await audit(req, principal, org.organization.id, "member.edit", before.user.email, {
      from: before.role,
      to: body.role,
    });
    res.json(serializeMember(after));
  });

  router.delete("/organizations/:org/members/:memberId/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "admin");
    const member = await members.remove(principal, org, parseInt4Id(req.params.memberId));
    await audit(req, principal, org.organization.id, "member.remove", member.user.email);
    res.status(204).end();
  });

  return router;
}
