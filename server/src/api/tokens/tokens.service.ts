import { createTokensRepo, type Database } from "@faultline/db";
import type { Scope } from "../../auth/permissions";
import { randomSecret, sha256 } from "../../auth/secrets";

/** Personal API tokens: `flt_` + 64 hex characters, stored as SHA-256, shown once. */
export function createTokensService(db: Database) {
  const repo = createTokensRepo(db);
  return {
    async create(userId: number, name: string, scopes: Scope[]) {
      const token = randomSecret("flt_");
      const created = await repo.create({ userId, name, tokenHash: sha256(token), lastChars: token.slice(-4), scopes });
      return { ...created, token };
    },
    list: (userId: number) => repo.listForUser(userId),
    revoke: (userId: number, id: number) => repo.revoke(userId, id),
  };
}

export type TokensService = ReturnType<typeof createTokensService>;

export function serializeToken(token: {
  id: number;
  name: string;
  lastChars: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  token?: string;
}) {
  return {
    id: String(token.id),
    name: token.name,
    scopes: token.scopes,
    tokenLastCharacters: token.lastChars,
    dateCreated: token.createdAt.toISOString(),
    dateLastUsed: token.lastUsedAt?.toISOString() ?? null,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    ...(token.token ? { token: token.token } : {}),
  };
}
