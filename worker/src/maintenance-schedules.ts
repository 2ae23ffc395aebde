import type { Logger } from "@faultline/runtime";
import type { JobsOptions, Queue } from "bullmq";
import type { Redis } from "ioredis";

export interface MaintenanceSchedule {
  /** The job name, also the scheduler's id. */
  name: string;
  everyMs: number;
  opts: JobsOptions;
  /** For the log when it cannot be scheduled. */
  what: string;
}

/** How often the schedules are looked for, besides every reconnect. */
export const MAINTENANCE_CHECK_MS = 60_000;

export interface MaintenanceScheduler {
  /** Resolves once every schedule has been looked for (and made again where missing). */
  ensure(): Promise<void>;
  stop(): void;
}

/**
 * The repeatable jobs (outcome flush, retention, ignore expiry): one schedule for all workers (a
 * BullMQ job scheduler is an upsert, not a duplicate), so each run happens once however many
 * workers there are. They live in Redis: a Redis that restarts empty (no persistence) or is
 * flushed loses them, and nothing would run again until a worker restarted. So each worker looks
 * for them on every reconnect and once a minute, and makes again those that are missing (one
 * HGETALL each; an existing schedule is left alone, its next run unchanged).
 */
export function keepMaintenanceScheduled(
  queue: Queue,
  connection: Redis,
  schedules: MaintenanceSchedule[],
  log: Logger,
  checkEveryMs = MAINTENANCE_CHECK_MS,
): MaintenanceScheduler {
  let running: Promise<void> | undefined;
  const ensureOne = async (schedule: MaintenanceSchedule, first: boolean) => {
    if (!first && (await queue.getJobScheduler(schedule.name))) return;
    await queue.upsertJobScheduler(
      schedule.name,
      { every: schedule.everyMs },
      { name: schedule.name, data: {}, opts: schedule.opts },
    );
    if (!first) log.warn({ job: schedule.name }, "repeatable job was missing from Redis; scheduled again");
  };
  const ensureAll = (first: boolean): Promise<void> => {
    running ??= Promise.all(
      schedules.map((schedule) =>
        ensureOne(schedule, first).catch((error: unknown) =>
          log.error({ err: error }, `could not schedule ${schedule.what}`),
        ),
      ),
    )
      .then(() => undefined)
      .finally(() => (running = undefined));
    return running;
  };
  // At start every schedule is upserted, so a changed interval takes effect.
  const started = ensureAll(true);
  const onReady = () => {
    void started.then(() => ensureAll(false));
  };
  connection.on("ready", onReady);
  const timer = setInterval(onReady, checkEveryMs);
  timer.unref();
  return {
    ensure: () => started.then(() => ensureAll(false)),
    stop() {
      clearInterval(timer);
      connection.off("ready", onReady);
    },
  };
}
