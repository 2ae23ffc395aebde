import type { Database } from "./client";
import type { MemberRole } from "./generated/prisma/client";
import type { Tx } from "./tx";

const MEMBER_FIELDS = {
  id: true,
  role: true,
  createdAt: true,
  user: { select: { id: true, email: true, name: true } },
} as const;

/** Membership reads and writes inside a transaction that holds the organization's lock. */
function lockedMembers(tx: Tx, organizationId: number) {
  return {
    find: (id: number) => tx.organizationMember.findFirst({ where: { organizationId, id }, select: MEMBER_FIELDS }),
    roleOf: async (userId: number) =>
      (await tx.organizationMember.findUnique({ where: { organizationId_userId: { organizationId, userId } } }))
        ?.role ?? null,
    countOwners: () => tx.organizationMember.count({ where: { organizationId, role: "owner" } }),
    add: (userId: number, role: MemberRole) =>
      tx.organizationMember.create({ data: { organizationId, userId, role }, select: MEMBER_FIELDS }),
    setRole: (id: number, role: MemberRole) =>
      tx.organizationMember.update({ where: { id }, data: { role }, select: MEMBER_FIELDS }),
    remove: (id: number) => tx.organizationMember.delete({ where: { id } }),
  };
}

/** Changes queue on the lock: give the waiting ones more time than Prisma's 2 s / 5 s defaults. */
const LOCK_WAIT = { maxWait: 10_000, timeout: 15_000 };

export type LockedMembers = ReturnType<typeof lockedMembers>;

export function createMembersRepo(db: Database) {
  return {
    /**
     * Runs `change` in a transaction holding the organization row's lock (SELECT ... FOR UPDATE):
     * membership changes of one organization run one at a time, so a rule checked inside
     * ("at least one owner remains") still holds when the change is written. Null when the
     * organization is gone.
     */
    async changeLocked<T>(organizationId: number, change: (members: LockedMembers) => Promise<T>): Promise<T | null> {
      return db.$transaction(async (tx) => {
        const locked = await tx.$queryRaw<{ id: number }[]>`
          SELECT "id" FROM "organization" WHERE "id" = ${organizationId} FOR UPDATE`;
        if (locked.length === 0) return null;
        return change(lockedMembers(tx, organizationId));
      }, LOCK_WAIT);
    },

    /** Organizations a user can see: all of them for a superuser, else their memberships. */
    async organizationsFor(user: { id: number; isSuperuser: boolean }) {
      const orgs = await db.organization.findMany({
        where: user.isSuperuser ? {} : { members: { some: { userId: user.id } } },
        orderBy: { slug: "asc" },
        include: { members: { where: { userId: user.id }, select: { role: true } } },
      });
      return orgs.map(({ members, ...org }) => ({ ...org, role: members[0]?.role ?? ("owner" as MemberRole) }));
    },

    /** The organization by slug with the user's role in it; null when they are not a member. */
    async findAccess(slug: string, user: { id: number; isSuperuser: boolean }) {
      const org = await db.organization.findUnique({
        where: { slug },
        include: { members: { where: { userId: user.id }, select: { role: true } } },
      });
      if (!org) return null;
      const role = org.members[0]?.role ?? (user.isSuperuser ? ("owner" as MemberRole) : undefined);
      if (!role) return null;
      return {
        organization: {
          id: org.id,
          slug: org.slug,
          name: org.name,
          createdAt: org.createdAt,
          openMembership: org.openMembership,
          require2FA: org.require2FA,
        },
        role,
      };
    },

    list: (organizationId: number) =>
      db.organizationMember.findMany({ where: { organizationId }, orderBy: { id: "asc" }, select: MEMBER_FIELDS }),

    find: (organizationId: number, id: number) =>
      db.organizationMember.findFirst({ where: { organizationId, id }, select: MEMBER_FIELDS }),

    add: (organizationId: number, userId: number, role: MemberRole) =>
      db.organizationMember.create({ data: { organizationId, userId, role }, select: MEMBER_FIELDS }),

    /** Adds or keeps a membership (used by the command line). */
    ensure: (organizationId: number, userId: number, role: MemberRole) =>
      db.organizationMember.upsert({
        where: { organizationId_userId: { organizationId, userId } },
        create: { organizationId, userId, role },
        update: {},
      }),

    setRole: (id: number, role: MemberRole) =>
      db.organizationMember.update({ where: { id }, data: { role }, select: MEMBER_FIELDS }),

    remove: (id: number) => db.organizationMember.delete({ where: { id } }),

    countOwners: (organizationId: number) => db.organizationMember.count({ where: { organizationId, role: "owner" } }),
  };
}

export type MembersRepo = ReturnType<typeof createMembersRepo>;
