import { enqueueAccountMail, type NotifyRetry } from "@faultline/runtime";
import { createAccountLinksRepo, createUsersRepo, type Database } from "@faultline/db";
import type { Redis } from "ioredis";
import { canAssignRole, type Role } from "../../auth/permissions";
import { randomSecret, sha256 } from "../../auth/secrets";
import type { OrgAccess } from "../access";
import { badRequest, conflict, forbidden } from "../api-error";
import type { Principal } from "../principal";
import { invitationMail } from "./invite-mail";
import { joinInvitedTeams, unknownTeams } from "./invite-teams";

export type InviteRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createAccountLinksRepo>["findInvite"]>>>;

export interface InvitesDeps {
  db: Database;
  redis: Redis;
  publicUrl: string;
  /** SMTP_URL is set: links are emailed; else they are answered to the admin. */
  emailConfigured: boolean;
  expiryDays: number;
  retry?: NotifyRetry | undefined;
}

/** How the invitation reached (or is to reach) the person. */
export interface InviteDelivery {
  emailed: boolean;
  /** Only when email is not configured: the link for the admin to pass on. */
  inviteLink?: string;
}

/**
 * Invitations: pending members with a single-use link (the token is kept as SHA-256 only).
 * Anyone is invited by email, people with an account too, so nobody becomes a member of an
 * organization without saying yes. Role rules as for members: only owners invite owners.
 */
export function createInvitesService(deps: InvitesDeps) {
  const links = createAccountLinksRepo(deps.db);
  const users = createUsersRepo(deps.db);
  const expiryMs = deps.expiryDays * 24 * 3_600_000;

  const acceptUrl = (id: number, token: string) => `${deps.publicUrl}/accept/${id}/${token}/`;

  async function deliver(
    invite: InviteRow,
    token: string,
    org: OrgAccess,
    inviter: Principal,
  ): Promise<InviteDelivery> {
    const link = acceptUrl(invite.id, token);
    if (!deps.emailConfigured) return { emailed: false, inviteLink: link };
    const mail = invitationMail({
      organizationName: org.organization.name,
      inviterName: inviter.user.name || inviter.user.email,
      role: invite.role,
      link,
      expiresAt: invite.expiresAt,
    });
    await enqueueAccountMail(deps.redis, { to: invite.email, ...mail }, deps.retry ? { retry: deps.retry } : {});
    return { emailed: true };
  }

  async function checkTeams(org: OrgAccess, teams: string[]): Promise<void> {
    const unknown = await unknownTeams(deps.db, org.organization.id, teams);
    if (unknown.length > 0) throw badRequest(`teams: no team named ${unknown.map((slug) => `"${slug}"`).join(", ")}`);
  }

  async function isMember(organizationId: number, userId: number): Promise<boolean> {
    const member = await deps.db.organizationMember.findUnique({
      where: { organizationId_userId: { organizationId, userId } },
      select: { id: true },
    });
    return member !== null;
  }

  /** The invitation a link stands for, if the link is good (id and token must both match). */
  async function describe(id: number, token: string) {
    const invite = await links.findLiveInvite(sha256(token), new Date());
    return invite && invite.id === id ? invite : null;
  }

  function mayHandle(org: OrgAccess, role: Role): void {
    if (!canAssignRole(org.role, role)) throw forbidden("Only owners can invite owners or change their invitations.");
  }

  return {
    list: (organizationId: number) => links.listInvites(organizationId),

    /** Invites the email (or renews its pending invitation) and sends the link. */
    async invite(principal: Principal, org: OrgAccess, body: { email: string; orgRole: Role; teams: string[] }) {
      mayHandle(org, body.orgRole);
      await checkTeams(org, body.teams);
      const user = await users.findByEmail(body.email);
      if (user && (await isMember(org.organization.id, user.id)))
        throw conflict(`${body.email} is already a member of this organization.`);
      const token = randomSecret();
      const invite = await links.upsertInvite({
        organizationId: org.organization.id,
        email: body.email,
        role: body.orgRole,
        teams: body.teams,
        tokenHash: sha256(token),
        invitedById: principal.user.id,
        expiresAt: new Date(Date.now() + expiryMs),
      });
      return { invite, ...(await deliver(invite, token, org, principal)) };
    },

    /** The pending member with this id, or null when the id is not an invitation of the organization. */
    find: (org: OrgAccess, id: number) => links.findInvite(org.organization.id, id),

    /** A new role or teams, and with `reinvite` a new link (the old one stops working) sent again. */
    async update(
      principal: Principal,
      org: OrgAccess,
      invite: InviteRow,
      body: { orgRole?: Role | undefined; teams?: string[] | undefined; reinvite: boolean },
    ) {
      mayHandle(org, invite.role);
      if (body.orgRole) mayHandle(org, body.orgRole);
      if (body.teams) await checkTeams(org, body.teams);
      let updated = invite;
      if (body.orgRole !== undefined || body.teams !== undefined)
        updated = await links.updateInvite(invite.id, {
          ...(body.orgRole ? { role: body.orgRole } : {}),
          ...(body.teams ? { teams: body.teams } : {}),
        });
      if (!body.reinvite) return { invite: updated, emailed: false };
      const token = randomSecret();
      updated = await links.renewInvite(invite.id, sha256(token), new Date(Date.now() + expiryMs));
      return { invite: updated, ...(await deliver(updated, token, org, principal)) };
    },

    async revoke(org: OrgAccess, invite: InviteRow): Promise<void> {
      mayHandle(org, invite.role);
      await links.deleteInvite(invite.id);
    },

    describe,

    /** Makes `userId` a member as the invitation says and uses the link up; null when it is not good. */
    async accept(id: number, token: string, userId: number) {
      const invite = await describe(id, token);
      if (!invite) return null;
      const accepted = await links.acceptInvite(sha256(token), userId, new Date());
      if (!accepted) return null;
      // Teams are joined only by a new membership: an existing member keeps the teams they have.
      if (accepted.joined) await joinInvitedTeams(deps.db, accepted);
      return { ...accepted, organization: invite.organization };
    },
  };
}

export type InvitesService = ReturnType<typeof createInvitesService>;
