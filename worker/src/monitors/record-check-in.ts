import { MONITOR_DEFAULTS, outcome, parseCheckInMonitorConfig, type CheckInJob } from "@faultline/core";
import type { MonitorCheckInsRepo, MonitorsRepo, MonitorTransition, Prisma } from "@faultline/db";
import { countOutcomes, type Logger } from "@faultline/runtime";
import type { Redis } from "ioredis";

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
 * are check-ins of a disabled monitor.
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
    if (!monitor) return drop(job, "monitor_not_found");
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
