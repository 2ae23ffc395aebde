import type { MonitorClockJob } from "@faultline/core";
import type { MonitorCheckInsRepo, MonitorTransition } from "@faultline/db";
import type { Logger } from "@faultline/runtime";

export interface MonitorClockDeps {
  checkIns: MonitorCheckInsRepo;
  report: (transition: MonitorTransition, now: Date) => Promise<void>;
  log: Logger;
  /** The clock (tests move it; a job's own `now` wins). */
  now?: () => number;
}

/** How often the clock runs: a run is marked missed within a minute of its margin ending. */
export const MONITOR_CLOCK_INTERVAL_MS = 60_000;

/**
 * monitor.clock (repeatable, one run per tick however many workers there are): marks the runs
 * that did not check in within their margin as missed and those in progress past their max
 * runtime as timed out, then reports each like a check-in that ended so.
 */
export function createMonitorClockHandler(deps: MonitorClockDeps) {
  return async (job: MonitorClockJob): Promise<void> => {
    const now = new Date(job.now ?? deps.now?.() ?? Date.now());
    const missed = await deps.checkIns.markMissed(now);
    const timedOut = await deps.checkIns.markTimedOut(now);
    for (const transition of [...missed, ...timedOut]) await deps.report(transition, now);
    if (missed.length + timedOut.length > 0)
      deps.log.info({ missed: missed.length, timedOut: timedOut.length }, "cron monitor clock marked runs");
  };
}
