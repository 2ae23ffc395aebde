import { unignoreExpired, type Database } from "@faultline/db";
import type { Logger } from "@faultline/runtime";

export interface ExpireIgnoresDeps {
  db: Database;
  log: Logger;
}

/** maintenance.expire-ignores (repeatable, once per schedule whatever the number of workers). */
export function createExpireIgnoresHandler({ db, log }: ExpireIgnoresDeps) {
  return async (): Promise<void> => {
    const unignored = await unignoreExpired(db, new Date());
    if (unignored > 0) log.info({ unignored }, "ignored issues whose time ran out are unresolved again");
  };
}
