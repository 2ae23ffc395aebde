import { ensureEventPartitions, type Database } from "@faultline/db";
import type { Logger } from "@faultline/runtime";

/** Days of partitions made ahead: a worker down this long still finds its days ready. */
const DAYS_AHEAD = 7;
/** And behind: late events of the last days (SDKs offline for a while) get their own day too. */
const DAYS_BACK = 3;

/**
 * maintenance.event-partitions (repeatable): makes the daily event partitions before their events
 * arrive. Events of a day without one are not lost (they go to the default partition, and making
 * that day's partition later moves them into it); they are just slower to expire.
 */
export function createEventPartitionsHandler({ db, log }: { db: Database; log: Logger }) {
  return async (): Promise<void> => {
    const made = await ensureEventPartitions(db, new Date(), DAYS_BACK, DAYS_AHEAD);
    if (made > 0) log.info({ made }, "event partitions made");
  };
}
