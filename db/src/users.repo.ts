import type { Database } from "./client";
import type { MemberRole } from "./generated/prisma/client";

export type { MemberRole };

export interface UserRecord {
  id: number;
  email: string;
  name: string;
  isSuperuser: boolean;
  isActive: boolean;
  createdAt: Date;
  lastLogin: Date | null;
}

const USER_FIELDS = {
  id: true,
  email: true,
  name: true,
  isSuperuser: true,
  isActive: true,
  createdAt: true,
  lastLogin: true,
} as const;

export function createUsersRepo(db: Database) {
  return {
    countUsers: () => db.user.count(),

    /**
     * Creates a user. A superuser also becomes owner of every existing organization, so the
     * first account can see everything created from the command line before it existed.
     */
    async createUser(input: {
      email: string;
      name?: string;
      passwordHash: string;
      isSuperuser: boolean;
    }): Promise<UserRecord> {
      return db.$transaction(async (tx) => {
        const user = await tx.user.create({
          data: {
            email: input.email.toLowerCase(),
            name: input.name ?? "",
            passwordHash: input.passwordHash,
            isSuperuser: input.isSuperuser,
          },
          select: USER_FIELDS,
        });
        if (input.isSuperuser) {
          const orgs = await tx.organization.findMany({ select: { id: true } });
          await tx.organizationMember.createMany({
            data: orgs.map((org) => ({ organizationId: org.id, userId: user.id, role: "owner" as const })),
            skipDuplicates: true,
          });
        }
        return user;
      });
    },

    findById: (id: number) => db.user.findUnique({ where: { id }, select: USER_FIELDS }),
    findByEmail: (email: string) => db.user.findUnique({ where: { email: email.toLowerCase() }, select: USER_FIELDS }),

    /** For login and password change only: the one place the hash leaves the database. */
    async findCredentials(email: string) {
      return db.user.findUnique({
        where: { email: email.toLowerCase() },
        select: { ...USER_FIELDS, passwordHash: true },
      });
    },
    async passwordHashOf(userId: number): Promise<string | null> {
      const row = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
      return row?.passwordHash ?? null;
    },

    async setPassword(userId: number, passwordHash: string, keepSessionId?: number): Promise<void> {
      await db.$transaction([
        db.user.update({ where: { id: userId }, data: { passwordHash } }),
        // A changed password logs out every other browser.
        db.userSession.deleteMany({ where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } }),
      ]);
    },

    touchLogin: (userId: number) => db.user.update({ where: { id: userId }, data: { lastLogin: new Date() } }),
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;
