import type { Redis } from "ioredis";
import { randomSecret, sha256 } from "../secrets";

/** How long the password step stays good while the person finds their authenticator. */
export const PENDING_LOGIN_SECONDS = 300;

/**
 * A sign-in whose first step (password, or the identity provider) succeeded and which waits for
 * the second factor. The browser holds a random token; Redis keeps only its hash and the user.
 */
export function createPendingLogins(redis: Redis) {
  const key = (token: string) => `fl:2fa:pending:${sha256(token)}`;
  return {
    async begin(userId: number): Promise<string> {
      const token = randomSecret("fl2fa_");
      await redis.set(key(token), String(userId), "EX", PENDING_LOGIN_SECONDS);
      return token;
    },
    async userOf(token: string): Promise<number | null> {
      const value = await redis.get(key(token));
      return value === null ? null : Number(value);
    },
    /** True for the one caller that ends it: a pending login opens at most one session. */
    async finish(token: string): Promise<boolean> {
      return (await redis.del(key(token))) === 1;
    },
  };
}

export type PendingLogins = ReturnType<typeof createPendingLogins>;
