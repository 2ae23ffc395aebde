import type { OutcomesRepo } from "@faultline/db";
import { restoreOutcomes, takeOutcomes, type Logger } from "@faultline/runtime";
import type { Redis } from "ioredis";

export interface FlushOutcomesDeps {
  outcomes: OutcomesRepo;
  redis: Redis;
  log: Logger;
}

/**
 * outcomes.flush (repeatable): moves the counters ingest keeps in Redis into the hourly
 * `outcome` rows. Taken atomically; given back to Redis if PostgreSQL refuses them.
 */
export function createFlushOutcomesHandler({ outcomes, redis, log }: FlushOutcomesDeps) {
  return async (): Promise<void> => {
    const rows = await takeOutcomes(redis);
    try {
      await outcomes.addOutcomes(rows);
    } catch (error) {
      await restoreOutcomes(redis, rows);
      throw error;
    }
    if (rows.length > 0) log.debug({ rows: rows.length }, "outcomes flushed");
  };
}
