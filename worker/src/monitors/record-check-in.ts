import { MONITOR_DEFAULTS, outcome, parseCheckInMonitorConfig, type CheckInJob } from "@faultline/core";
import type { MonitorCheckInsRepo, MonitorsRepo, MonitorTransition, Prisma } from "@faultline/db";
import { countOutcomes, type Logger } from "@faultline/runtime";
import type { Redis } from "ioredis";

/** How long a check-in for a slug without a monitor is retried before it is dropped. */
export const UNKNOWN_MONITOR_GRACE_MS = 10_000;

export interface RecordCheckInDeps {
  monitors: MonitorsRepo;
  checkIns: MonitorCheckInsRepo;
  redis: Redis;
  log: Logger;
  report: (transition: MonitorTransition, now: Date) => Promise<void>;
}

/**
 * check_in.store: Sentry's semantics. A check-in carrying `monitor_config` creates its monitor or
 * updates its schedule; one for a slug the project has no monitor for, without a config (or with
 * a config that is not valid), is dropped and counted as an `invalid` outcome with its reason, as
 * are check-ins of a disabled monitor. Jobs run concurrently, so a run's closing check-in can be
 * handled before its opening one: it is then recorded as a run of its own, and the opening
 * check-in that comes after a closed run changes nothing.
 */
export function createRecordCheckInHandler(deps: RecordCheckInDeps) {
  const drop = async (job: CheckInJob, reason: string) => {
    await countOutcomes(deps.redis, [outcome(job.projectId, "invalid", "monitor", 1, reason)], job.receivedAt);
    deps.log.info({ projectId: job.projectId, reason }, "check-in dropped");
  };
  return async (job: CheckInJob): Promise<void> => {
    let monitor = await deps.monitors.find(job.projectId, job.monitorSlug);
    if (job.monitorConfig !== null) {
      const parsed = parseCheckInMonitorConfig(job.monitorConfig);
      if (parsed.ok) monitor = await deps.monitors.upsertFromConfig(job.projectId, job.monitorSlug, parsed.settings);
      else if (!monitor) return drop(job, "monitor_invalid_config");
    }
    if (!monitor) {
      // The run's first check-in (with the config that creates the monitor) may be in the same
      // batch or a later one: wait for it through the job's retries before dropping this one.
      if (Date.now() - job.receivedAt < UNKNOWN_MONITOR_GRACE_MS)
        throw new Error("check-in for a monitor not created yet; retried");
      return drop(job, "monitor_not_found");
    }
    if (monitor.status === "disabled") return drop(job, "monitor_disabled");
    const at = new Date(job.receivedAt);
    const transition = await deps.checkIns.recordCheckIn({
      monitor,
      environment: job.environment ?? MONITOR_DEFAULTS.environment,
      checkInId: job.checkInId,
      status: job.status,
      duration: job.duration,
      release: job.release,
      monitorConfig: job.monitorConfig as Prisma.InputJsonValue | null,
      at,
    });
    if (transition) await deps.report(transition, at);
  };
}
