import type { Database } from "./client";
import type { MemberRole } from "./generated/prisma/client";

const MEMBER_FIELDS = {
  id: true,
  role: true,
  createdAt: true,
  user: { select: { id: true, email: true, name: true } },
} as const;

export function createMembersRepo(db: Database) {
  return {
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
      return { organization: { id: org.id, slug: org.slug, name: org.name, createdAt: org.createdAt }, role };
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
