import type { AlertsQueue } from "@faultline/runtime";
import type { Redis } from "ioredis";

/**
 * One pending digest job per digest rule: the firing that opens a window schedules the job
 * `digestMinutes` later; firings until then join it. The digest job clears the mark and, if
 * firings arrived meanwhile, opens the next window (see digest.ts), so none is left behind.
 */
export function createDigestSchedule(redis: Redis, queue: AlertsQueue) {
  const key = (ruleId: number) => `faultline:alerts:digest:${ruleId}`;
  return {
    async ensure(ruleId: number, digestMinutes: number): Promise<void> {
      const windowMs = digestMinutes * 60_000;
      if ((await redis.set(key(ruleId), "1", "PX", windowMs + 60_000, "NX")) === "OK")
        await queue.digest(ruleId, windowMs);
    },
    async clear(ruleId: number): Promise<void> {
      await redis.del(key(ruleId));
    },
  };
}

export type DigestSchedule = ReturnType<typeof createDigestSchedule>;
