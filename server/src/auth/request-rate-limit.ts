import type { Redis } from "ioredis";
import { ApiError } from "../api/api-error";
import { sha256 } from "./secrets";

/**
 * Counts a request under every key and refuses it when any counter is already at the limit —
 * one atomic step, so parallel requests cannot all pass the check. Returns 0 when the request
 * may go on, else the seconds until the fullest counter expires.
 */
const TAKE = `
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

/**
 * A fixed-window limit per client address and per email (hashed in the key), in the style of
 * the login limit: past it, 429 with Retry-After; with Redis down, 503 rather than no limit.
 * For requests that send email (password reset), so nobody can flood a mailbox.
 */
export function createRequestRateLimit(
  redis: Redis,
  options: { prefix: string; maxRequests: number; windowSeconds: number; what: string },
) {
  return {
    async take(ip: string | null, email: string): Promise<void> {
      let wait: number;
      try {
        wait = Number(
          await redis.eval(
            TAKE,
            2,
            `${options.prefix}:ip:${ip ?? "unknown"}`,
            `${options.prefix}:email:${sha256(email)}`,
            String(options.maxRequests),
            String(options.windowSeconds),
          ),
        );
      } catch {
        throw new ApiError(503, `${options.what} is unavailable right now; try again shortly.`);
      }
      if (wait > 0)
        throw new ApiError(429, `Too many ${options.what.toLowerCase()} requests; try again in ${wait} seconds.`, {
          "Retry-After": String(wait),
        });
    },
  };
}

export type RequestRateLimit = ReturnType<typeof createRequestRateLimit>;
