import type { Redis } from "ioredis";
import { ApiError } from "../api/api-error";
import { sha256 } from "./secrets";

/**
 * Failed logins counted in Redis per client address and per email (fixed window). Past the
 * limit, login answers 429 with Retry-After — also for the right password, so guessing cannot
 * continue. A success clears the email's counter. If Redis is unreachable, login answers 503
 * rather than running without the limit.
 */
export function createLoginRateLimit(redis: Redis, maxAttempts: number, windowSeconds: number) {
  const keys = (ip: string | null, email: string) => [
    `fl:login:ip:${ip ?? "unknown"}`,
    `fl:login:email:${sha256(email)}`,
  ];

  async function run<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError(503, "Login is unavailable right now; try again shortly.");
    }
  }

  return {
    async check(ip: string | null, email: string): Promise<void> {
      await run(async () => {
        for (const key of keys(ip, email)) {
          const count = Number((await redis.get(key)) ?? 0);
          if (count >= maxAttempts) {
            const ttl = await redis.ttl(key);
            const retry = String(ttl > 0 ? ttl : windowSeconds);
            throw new ApiError(429, `Too many login attempts; try again in ${retry} seconds.`, {
              "Retry-After": retry,
            });
          }
        }
      });
    },
    async recordFailure(ip: string | null, email: string): Promise<void> {
      await run(async () => {
        const pipeline = redis.multi();
        for (const key of keys(ip, email)) pipeline.incr(key).expire(key, windowSeconds, "NX");
        await pipeline.exec();
      });
    },
    async recordSuccess(email: string): Promise<void> {
      await run(async () => {
        await redis.del(keys(null, email)[1] ?? "");
      });
    },
  };
}

export type LoginRateLimit = ReturnType<typeof createLoginRateLimit>;
