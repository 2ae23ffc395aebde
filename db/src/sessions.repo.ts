import type { Database } from "./client";

export function createSessionsRepo(db: Database) {
  return {
    create: (input: { userId: number; tokenHash: string; csrfToken: string; expiresAt: Date }) =>
      db.userSession.create({ data: input, select: { id: true } }),

    /** The live session for a cookie's hash, with its user; expired sessions are not found. */
    async findLive(tokenHash: string, now: Date) {
      const session = await db.userSession.findUnique({
        where: { tokenHash },
        select: {
          id: true,
          csrfToken: true,
          expiresAt: true,
          user: {
            select: { id: true, email: true, name: true, isSuperuser: true, isActive: true, totpEnabledAt: true },
          },
        },
      });
      if (!session || session.expiresAt <= now || !session.user.isActive) return null;
      return session;
    },

    delete: (id: number) => db.userSession.deleteMany({ where: { id } }),
    deleteExpired: (now: Date) => db.userSession.deleteMany({ where: { expiresAt: { lte: now } } }),
  };
}

export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
