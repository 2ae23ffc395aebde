import { applyRetention, type Database, type RetentionSettings } from "@faultline/db";
import type { Logger } from "@faultline/runtime";

export interface RetentionDeps {
  db: Database;
  retention: RetentionSettings;
  log: Logger;
}

/** maintenance.retention (repeatable, one run per schedule whatever the number of workers). */
export function createRetentionHandler({ db, retention, log }: RetentionDeps) {
  return async (): Promise<void> => {
    const started = Date.now();
    const result = await applyRetention(db, retention);
    log.info({ ...result, ms: Date.now() - started }, "retention applied");
  };
}
