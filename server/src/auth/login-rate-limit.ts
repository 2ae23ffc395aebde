import type { Redis } from "ioredis";
import { ApiError } from "../api/api-error";
import { sha256 } from "./secrets";

/**
 * Checks every counter and, when all are under the limit, counts the attempt in each — one
 * atomic step, so parallel attempts cannot all pass the check before any of them is counted.
 * Returns 0 when the attempt may go on, else the seconds until the fullest counter expires.
 */
const TAKE_ATTEMPT = `
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') >= limit then
    local ttl = redis.call('TTL', key)
    if ttl <= 0 then
      redis.call('EXPIRE', key, window)
      ttl = window
    end
    return ttl
  end
end
for _, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 then redis.call('EXPIRE', key, window) end
end
return 0
`;

/** Gives a successful attempt back to the address (never below 0, never a key without expiry). */
const GIVE_BACK = `
if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end
redis.call('DEL', KEYS[2])
return 0
`;

/**
 * Login attempts counted in Redis per client address and per email (fixed window). An attempt
 * is counted before its password is checked; past the limit, login answers 429 with
 * Retry-After — also for the right password, so guessing cannot continue. A success gives its
 * attempt back to the address and clears the email's counter, so only failures use up the
 * limit. If Redis is unreachable, login answers 503 rather than running without the limit.
 * `prefix` keeps another step's counters apart (the two-factor code step has its own).
 */
export function createLoginRateLimit(redis: Redis, maxAttempts: number, windowSeconds: number, prefix = "fl:login") {
  const ipKey = (ip: string | null) => `${prefix}:ip:${ip ?? "unknown"}`;
  const emailKey = (email: string) => `${prefix}:email:${sha256(email)}`;

  async function run<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError(503, "Login is unavailable right now; try again shortly.");
    }
  }

  return {
    /** Counts one attempt, or throws 429 when the address or the email is over the limit. */
    async take(ip: string | null, email: string): Promise<void> {
      await run(async () => {
        const wait = Number(
          await redis.eval(TAKE_ATTEMPT, 2, ipKey(ip), emailKey(email), String(maxAttempts), String(windowSeconds)),
        );
        if (wait > 0) {
          const retry = String(wait);
          throw new ApiError(429, `Too many login attempts; try again in ${retry} seconds.`, { "Retry-After": retry });
        }
      });
    },
    /** The attempt succeeded: it does not count against the address, and the email starts afresh. */
    async recordSuccess(ip: string | null, email: string): Promise<void> {
      await run(async () => {
        await redis.eval(GIVE_BACK, 2, ipKey(ip), emailKey(email));
      });
    },
  };
}

export type LoginRateLimit = ReturnType<typeof createLoginRateLimit>;
