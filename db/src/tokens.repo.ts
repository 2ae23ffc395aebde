import type { Database } from "./client";

const TOKEN_FIELDS = {
  id: true,
  name: true,
  lastChars: true,
  scopes: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
} as const;

export function createTokensRepo(db: Database) {
  return {
    create: (input: { userId: number; name: string; tokenHash: string; lastChars: string; scopes: string[] }) =>
      db.apiToken.create({ data: input, select: TOKEN_FIELDS }),

    listForUser: (userId: number) =>
      db.apiToken.findMany({ where: { userId }, orderBy: { id: "asc" }, select: TOKEN_FIELDS }),

    /** The token's owner and scopes; null for unknown, expired or inactive-user tokens. */
    async findLive(tokenHash: string, now: Date) {
      const token = await db.apiToken.findUnique({
        where: { tokenHash },
        select: {
          id: true,
          scopes: true,
          expiresAt: true,
          lastUsedAt: true,
          user: {
            select: { id: true, email: true, name: true, isSuperuser: true, isActive: true, totpEnabledAt: true },
          },
        },
      });
      if (!token || (token.expiresAt && token.expiresAt <= now) || !token.user.isActive) return null;
      return token;
    },

    /** Records use at most once a minute: a write per API call would be wasteful. */
    async touch(id: number, lastUsedAt: Date | null, now: Date): Promise<void> {
      if (lastUsedAt && now.getTime() - lastUsedAt.getTime() < 60_000) return;
      await db.apiToken.updateMany({ where: { id }, data: { lastUsedAt: now } });
    },

    async revoke(userId: number, id: number): Promise<boolean> {
      const { count } = await db.apiToken.deleteMany({ where: { id, userId } });
      return count > 0;
    },
  };
}

export type TokensRepo = ReturnType<typeof createTokensRepo>;
