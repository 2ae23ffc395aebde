import { inviteMemberBody, parseInt4Id, updateMemberBody } from "@faultline/core";
import { createTeamsRepo, type Database } from "@faultline/db";
import { Router } from "express";
import type { Access } from "../access";
import { badRequest } from "../api-error";
import type { AuditTrail } from "../audit";
import type { InviteDelivery, InviteRow, InvitesService } from "../invites/invites.service";
import { requirePrincipal } from "../principal";
import { parse } from "../validate";
import { createMembersService, type MemberRow } from "./members.service";

const roleName = (role: string) => role.charAt(0).toUpperCase() + role.slice(1);

/** A member as Sentry lists one, with the slugs of their teams. */
function serializeMember(member: MemberRow, teams: string[] = []) {
  return {
    id: String(member.id),
    email: member.user.email,
    name: member.user.name || member.user.email,
    role: member.role,
    orgRole: member.role,
    roleName: roleName(member.role),
    pending: false,
    expired: false,
    inviteStatus: "approved",
    inviterName: null,
    teams,
    teamRoles: teams.map((teamSlug) => ({ teamSlug, role: null })),
    dateCreated: member.createdAt.toISOString(),
    user: { id: String(member.user.id), email: member.user.email, name: member.user.name || member.user.email },
  };
}

/** A pending member as Sentry lists one: no user yet, `pending`, and whether its link has expired. */
function serializeInvite(invite: InviteRow, now = new Date()) {
  return {
    id: String(invite.id),
    email: invite.email,
    name: invite.email,
    role: invite.role,
    orgRole: invite.role,
    roleName: roleName(invite.role),
    pending: true,
    expired: invite.expiresAt <= now,
    inviteStatus: "approved",
    inviterName: invite.invitedBy ? invite.invitedBy.name || invite.invitedBy.email : null,
    teams: invite.teams,
    dateCreated: invite.createdAt.toISOString(),
    dateInviteSent: invite.sentAt.toISOString(),
    dateExpires: invite.expiresAt.toISOString(),
    user: null,
  };
}

const withDelivery = (invite: InviteRow, delivery: InviteDelivery) => ({
  ...serializeInvite(invite),
  emailed: delivery.emailed,
  ...(delivery.inviteLink ? { inviteLink: delivery.inviteLink } : {}),
});

/**
 * Sentry's `/organizations/{org}/members/`: members and pending members (invitations) in one
 * list and one id space. Adding someone always invites them, whether or not they have an
 * account: nobody joins an organization without accepting.
 */
export function createMembersRouter(deps: {
  db: Database;
  access: Access;
  audit: AuditTrail;
  invites: InvitesService;
}): Router {
  const { db, access, audit, invites } = deps;
  const members = createMembersService(db);
  const router = Router();

  router.get("/organizations/:org/members/", async (req, res) => {
    const org = await access.org(requirePrincipal(res), req.params.org, "read");
    const [active, pending] = await Promise.all([members.list(org.organization.id), invites.list(org.organization.id)]);
    const teamsOf = await createTeamsRepo(db).teamSlugsOfMembers(active.map((member) => member.id));
    res.json([
      ...active.map((member) => serializeMember(member, teamsOf.get(member.id))),
      ...pending.map((invite) => serializeInvite(invite)),
    ]);
  });

  router.post("/organizations/:org/members/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "admin");
    const body = parse(inviteMemberBody, req.body);
    const { invite, ...delivery } = await invites.invite(principal, org, body);
    await audit(req, principal, org.organization.id, "member.invite", invite.email, {
      role: invite.role,
      teams: invite.teams,
    });
    res.status(201).json(withDelivery(invite, delivery));
  });

  router.put("/organizations/:org/members/:memberId/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "admin");
    const body = parse(updateMemberBody, req.body);
    const id = parseInt4Id(req.params.memberId);
    const invite = id === undefined ? null : await invites.find(org, id);
    if (invite) {
      const { invite: updated, ...delivery } = await invites.update(principal, org, invite, body);
      await audit(
        req,
        principal,
        org.organization.id,
        body.reinvite ? "member.reinvite" : "member.edit",
        invite.email,
        {
          from: invite.role,
          to: updated.role,
        },
      );
      res.json(withDelivery(updated, delivery));
      return;
    }
    if (body.orgRole === undefined) throw badRequest("orgRole: required for a member who has joined");
    const { before, after } = await members.setRole(principal, org, id, body.orgRole);
    await audit(req, principal, org.organization.id, "member.edit", before.user.email, {
      from: before.role,
      to: body.orgRole,
    });
    res.json(serializeMember(after, (await createTeamsRepo(db).teamSlugsOfMembers([after.id])).get(after.id)));
  });

  router.delete("/organizations/:org/members/:memberId/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "admin");
    const id = parseInt4Id(req.params.memberId);
    const invite = id === undefined ? null : await invites.find(org, id);
    if (invite) {
      await invites.revoke(org, invite);
      await audit(req, principal, org.organization.id, "member.uninvite", invite.email);
      res.status(204).end();
      return;
    }
    const member = await members.remove(principal, org, id);
    await audit(req, principal, org.organization.id, "member.remove", member.user.email);
    res.status(204).end();
  });

  return router;
}
