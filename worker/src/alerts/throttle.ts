import type { Redis } from "ioredis";

/**
 * "At most once per issue per action interval, exactly once across workers": the first
 * evaluation to SET NX the (rule, issue) key wins the interval. The value is the winning event,
 * so a retried job of that same event still counts as the winner and finishes its firing.
 */
export function createThrottle(redis: Redis) {
  const key = (ruleId: number, issueId: bigint) => `faultline:alerts:throttle:${ruleId}:${issueId}`;
  return {
    /** Whether another event holds the interval (so counting windows is not worth it). */
    async heldByOther(ruleId: number, issueId: bigint, eventId: string): Promise<boolean> {
      const holder = await redis.get(key(ruleId, issueId));
      return holder !== null && holder !== eventId;
    },

    async acquire(ruleId: number, issueId: bigint, eventId: string, intervalMs: number): Promise<boolean> {
      const won = await redis.set(key(ruleId, issueId), eventId, "PX", intervalMs, "NX");
      return won === "OK" || (await redis.get(key(ruleId, issueId))) === eventId;
    },
  };
}

export type Throttle = ReturnType<typeof createThrottle>;
