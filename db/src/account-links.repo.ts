import type { Database } from "./client";
import type { MemberRole } from "./generated/prisma/client";

const INVITE_FIELDS = {
  id: true,
  organizationId: true,
  email: true,
  role: true,
  teams: true,
  createdAt: true,
  sentAt: true,
  expiresAt: true,
  invitedBy: { select: { id: true, email: true, name: true } },
} as const;

export interface NewInvite {
  organizationId: number;
  email: string;
  role: MemberRole;
  teams: string[];
  tokenHash: string;
  invitedById: number;
  expiresAt: Date;
}

/** What accepting an invitation did: the membership it made (or found), and the teams to join. */
export interface AcceptedInvite {
  organizationId: number;
  memberId: number;
  role: MemberRole;
  teams: string[];
  /** False when the user already was a member: the invitation is used up, nothing else changes. */
  joined: boolean;
}

/**
 * Invitations (pending members) and password reset links. Tokens arrive here hashed (SHA-256)
 * and are looked up by hash; using one deletes or marks it in the same statement that checks
 * it, so a link works once even when two requests race.
 */
export function createAccountLinksRepo(db: Database) {
  return {
    /** A new invitation, or the existing one for this email renewed (new link, role, teams, expiry). */
    upsertInvite: (input: NewInvite) =>
      db.memberInvite.upsert({
        where: { organizationId_email: { organizationId: input.organizationId, email: input.email.toLowerCase() } },
        create: { ...input, email: input.email.toLowerCase() },
        update: {
          role: input.role,
          teams: input.teams,
          tokenHash: input.tokenHash,
          invitedById: input.invitedById,
          expiresAt: input.expiresAt,
          sentAt: new Date(),
        },
        select: INVITE_FIELDS,
      }),

    listInvites: (organizationId: number) =>
      db.memberInvite.findMany({ where: { organizationId }, orderBy: { id: "asc" }, select: INVITE_FIELDS }),

    findInvite: (organizationId: number, id: number) =>
      db.memberInvite.findFirst({ where: { organizationId, id }, select: INVITE_FIELDS }),

    /** A re-send: a new token (the old link stops working) and a new expiry. */
    renewInvite: (id: number, tokenHash: string, expiresAt: Date) =>
      db.memberInvite.update({
        where: { id },
        data: { tokenHash, expiresAt, sentAt: new Date() },
        select: INVITE_FIELDS,
      }),

    updateInvite: (id: number, data: { role?: MemberRole; teams?: string[] }) =>
      db.memberInvite.update({ where: { id }, data, select: INVITE_FIELDS }),

    deleteInvite: (id: number) => db.memberInvite.deleteMany({ where: { id } }),

    /** The invitation behind a link, with its organization, if the link is still good. */
    findLiveInvite: (tokenHash: string, now: Date) =>
      db.memberInvite.findFirst({
        where: { tokenHash, expiresAt: { gt: now } },
        select: { ...INVITE_FIELDS, organization: { select: { id: true, slug: true, name: true } } },
      }),

    /**
     * Uses the invitation for this user: deletes it (only one request can) and makes the
     * membership. Null when the link is unknown, used or expired.
     */
    async acceptInvite(tokenHash: string, userId: number, now: Date): Promise<AcceptedInvite | null> {
      return db.$transaction(async (tx) => {
        const [invite] = await tx.$queryRaw<{ organization_id: number; role: MemberRole; teams: string[] }[]>`
          DELETE FROM "member_invite" WHERE "token_hash" = ${tokenHash} AND "expires_at" > ${now}
          RETURNING "organization_id", "role", "teams"`;
        if (!invite) return null;
        const organizationId = invite.organization_id;
        const existing = await tx.organizationMember.findUnique({
          where: { organizationId_userId: { organizationId, userId } },
        });
        const member =
          existing ?? (await tx.organizationMember.create({ data: { organizationId, userId, role: invite.role } }));
        return {
          organizationId,
          memberId: member.id,
          role: member.role,
          teams: invite.teams,
          joined: !existing,
        };
      });
    },

    createPasswordReset: (input: { userId: number; tokenHash: string; expiresAt: Date }) =>
      db.passwordReset.create({ data: input, select: { id: true } }),

    /**
     * Uses a reset link: marks it used (only one request can), sets the password, ends every
     * session of the user and retires the user's other reset links. The user's id, or null when
     * the link is unknown, used or expired.
     */
    async resetPassword(tokenHash: string, passwordHash: string, now: Date): Promise<number | null> {
      return db.$transaction(async (tx) => {
        const [used] = await tx.$queryRaw<{ user_id: number }[]>`
          UPDATE "password_reset" SET "used_at" = ${now}
          WHERE "token_hash" = ${tokenHash} AND "used_at" IS NULL AND "expires_at" > ${now}
          RETURNING "user_id"`;
        if (!used) return null;
        const userId = used.user_id;
        await tx.user.update({ where: { id: userId }, data: { passwordHash } });
        await tx.userSession.deleteMany({ where: { userId } });
        await tx.passwordReset.deleteMany({ where: { userId, usedAt: null } });
        return userId;
      });
    },

    /** The user's live browser sessions, newest first. */
    listSessions: (userId: number, now: Date) =>
      db.userSession.findMany({
        where: { userId, expiresAt: { gt: now } },
        orderBy: { createdAt: "desc" },
        select: { id: true, createdAt: true, expiresAt: true },
      }),

    /** "Sign out everywhere": every session of the user but the one asking. */
    deleteOtherSessions: (userId: number, keepSessionId: number) =>
      db.userSession.deleteMany({ where: { userId, id: { not: keepSessionId } } }),

    setName: (userId: number, name: string) =>
      db.user.update({ where: { id: userId }, data: { name }, select: { id: true } }),
  };
}

export type AccountLinksRepo = ReturnType<typeof createAccountLinksRepo>;
