import { INGEST_QUEUE, JOB_NAMES } from "@faultline/core";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  createArtifactsRepo,
  createEventsRepo,
  createIngestItemsRepo,
  createIssueCountsRepo,
  createOutcomesRepo,
  type Database,
  type RetentionSettings,
} from "@faultline/db";
import {
  createArtifactStore,
  ingestJobOptions,
  withoutQuotedValues,
  createWorkerRedis,
  jobsFailed,
  warnIfRedisPersistsNothing,
  type Logger,
} from "@faultline/runtime";
import { Queue, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { startAlertsWorker, type RunningAlertsWorker } from "./alerts-runtime";
import { queueAlertEvaluation } from "./alerts/queue-evaluation";
import { createProjectSettingsCache } from "./jobs/project-settings";
import { createJobRunner } from "./jobs/registry";
import { MONITOR_CLOCK_INTERVAL_MS } from "./monitors/clock";
import { keepMaintenanceScheduled, type MaintenanceSchedule, type MaintenanceScheduler } from "./maintenance-schedules";
import { createArtifactLookup } from "./sourcemaps/artifact-lookup";
import { createSourceLoader } from "./sourcemaps/source-loader";
import { createSymbolicator } from "./sourcemaps/symbolicator";
import { afterStoreWithRegressionMail } from "./notify/regression-mail";
import { DEFAULT_NOTIFY_SETTINGS, type NotifySettings } from "./notify/settings";

export interface WorkerDeps {
  db: Database;
  redisUrl: string;
  log: Logger;
  concurrency: number;
  /** Events per storage transaction, and how long to wait for a batch to fill. */
  batch?: { maxSize: number; maxWaitMs: number };
  /** Most milliseconds one event's processing may take before it fails as `processing_timeout`. */
  processingBudgetMs?: number;
  /** BullMQ key prefix; tests give each jest worker its own. */
  queuePrefix?: string;
  /** How often outcome counters move from Redis to PostgreSQL (default one minute). */
  outcomesFlushIntervalMs?: number;
  /** Event retention, and how often it runs (default hourly). */
  retention?: RetentionSettings & { intervalMs: number };
  /** Alert evaluation and channels; nothing configured (no email/SMS) when left out. */
  notify?: NotifySettings;
  /** How long a worker trusts "this project has no enabled alert rule". */
  rulesCacheMs?: number;
  /** Uploaded source maps (ARTIFACTS_DIR) and the limits of symbolication. */
  sourceMaps?: SourceMapSettings;
  /** How often the repeatable jobs are looked for in Redis besides every reconnect (default a minute). */
  maintenanceCheckMs?: number;
  /** FAILED_JOB_RETENTION_HOURS: how long a failed ingest job (an unscrubbed payload) is kept. */
  failedJobRetentionHours?: number;
}

export interface SourceMapSettings {
  artifactsDir: string;
  /** Largest source map or minified file read (larger ones: `js_too_large`). */
  maxBytes: number;
  /** Parsed source maps kept in memory, weighed by their size in bytes. */
  cacheBytes: number;
}

export const DEFAULT_SOURCE_MAP_SETTINGS: SourceMapSettings = {
  artifactsDir: path.join(tmpdir(), "faultline-artifacts"),
  maxBytes: 32 * 1024 * 1024,
  cacheBytes: 256 * 1024 * 1024,
};

/** Ignores "for 30 minutes" end within a minute of their time, like Sentry's snooze sweep. */
const EXPIRE_IGNORES_INTERVAL_MS = 60_000;
/** Hourly: each run makes a week of days ahead, so several missed runs lose nothing. */
const EVENT_PARTITIONS_INTERVAL_MS = 3_600_000;
const DEFAULT_RETENTION = { retentionDays: 90, maxEventsPerIssue: 0, batchSize: 5000, intervalMs: 3_600_000 };

export interface RunningWorker {
  /** Stops taking jobs and waits for the ones in progress. */
  close(): Promise<void>;
  readonly worker: Worker;
  readonly alerts: RunningAlertsWorker;
}

export function startWorker(deps: WorkerDeps): RunningWorker {
  const bookkeeping = createWorkerRedis(deps.redisUrl);
  bookkeeping.on("error", () => undefined);
  const alerts = startAlertsWorker({
    db: deps.db,
    redisUrl: deps.redisUrl,
    log: deps.log,
    settings: deps.notify ?? DEFAULT_NOTIFY_SETTINGS,
    ...(deps.queuePrefix ? { queuePrefix: deps.queuePrefix } : {}),
  });
  const sourceMaps = deps.sourceMaps ?? DEFAULT_SOURCE_MAP_SETTINGS;
  const symbolicate = createSymbolicator({
    lookup: createArtifactLookup(createArtifactsRepo(deps.db)),
    loader: createSourceLoader(createArtifactStore(sourceMaps.artifactsDir), sourceMaps),
  });
  const ingestQueue = new Queue(INGEST_QUEUE, {
    connection: bookkeeping,
    ...(deps.queuePrefix ? { prefix: deps.queuePrefix } : {}),
  });
  ingestQueue.on("error", () => undefined);
  const jobOptions = ingestJobOptions(deps.failedJobRetentionHours);
  const failedSweep = sweepExpiredFailures(ingestQueue, jobOptions.removeOnFail.age * 1000, deps.log);
  const runJob = createJobRunner({
    symbolicate,
    events: createEventsRepo(deps.db),
    settings: createProjectSettingsCache(deps.db),
    batch: deps.batch ?? { maxSize: 128, maxWaitMs: 20 },
    ...(deps.processingBudgetMs !== undefined ? { processingBudgetMs: deps.processingBudgetMs } : {}),
    issueCounts: createIssueCountsRepo(deps.db),
    items: createIngestItemsRepo(deps.db),
    outcomes: createOutcomesRepo(deps.db),
    redis: bookkeeping,
    log: deps.log,
    db: deps.db,
    retention: deps.retention ?? DEFAULT_RETENTION,
    afterStore: afterStoreWithRegressionMail(queueAlertEvaluation(deps.db, alerts.queue, deps.rulesCacheMs), {
      db: deps.db,
      redis: bookkeeping,
      log: deps.log,
      settings: deps.notify ?? DEFAULT_NOTIFY_SETTINGS,
      ...(deps.queuePrefix ? { prefix: deps.queuePrefix } : {}),
    }),
    onIssuesResolved: (issues) => alerts.queue.issuesResolved(issues),
    requeue: async (jobs) => {
      await ingestQueue.addBulk(jobs.map((job) => ({ name: job.name, data: job.data, opts: jobOptions })));
    },
  });
  const connection = createWorkerRedis(deps.redisUrl);
  // BullMQ keeps a failure's message and stack beside the job: a database error's quoted values go.
  const processJob = (job: Job) =>
    runJob(job.name, job.data).catch((error: unknown) => {
      throw withoutQuotedValues(error);
    });
  const worker = new Worker(INGEST_QUEUE, processJob, {
    connection,
    concurrency: deps.concurrency,
    ...(deps.queuePrefix ? { prefix: deps.queuePrefix } : {}),
  });
  // Ids and reasons only: job data is an unscrubbed event.
  worker.on("failed", (job, error) => {
    jobsFailed.inc({ job: job?.name ?? "unknown" });
    deps.log.warn({ jobId: job?.id, jobName: job?.name, attempt: job?.attemptsMade, err: error }, "job failed");
  });
  worker.on("error", (error) => deps.log.error({ err: error }, "worker error"));
  const maintenance = scheduleRepeatableJobs(ingestQueue, bookkeeping, deps);
  warnIfRedisPersistsNothing(bookkeeping, deps.log);
  return {
    worker,
    alerts,
    async close() {
      maintenance.stop();
      clearInterval(failedSweep);
      await worker.close();
      await ingestQueue.close();
      await alerts.close();
      await connection.quit().catch(() => undefined);
      await bookkeeping.quit().catch(() => undefined);
    },
  };
}

const FAILED_SWEEP_INTERVAL_MS = 3_600_000;
const FAILED_SWEEP_PAGE = 1000;

/**
 * BullMQ drops expired failures only when another job fails: on a quiet queue they would stay.
 * Every worker sweeps hourly (and once at start); removing an already removed job is a no-op.
 */
function sweepExpiredFailures(queue: Queue, retentionMs: number, log: Logger): NodeJS.Timeout {
  const sweep = async () => {
    for (let page = 0; page < 100; page++) {
      const removed = await queue.clean(retentionMs, FAILED_SWEEP_PAGE, "failed");
      if (removed.length < FAILED_SWEEP_PAGE) return;
    }
  };
  const run = () => void sweep().catch((error: unknown) => log.warn({ err: error }, "failed-job sweep failed"));
  run();
  const timer = setInterval(run, FAILED_SWEEP_INTERVAL_MS);
  timer.unref();
  return timer;
}

/** The repeatable maintenance jobs, kept scheduled (see keepMaintenanceScheduled). */
function scheduleRepeatableJobs(queue: Queue, connection: Redis, deps: WorkerDeps): MaintenanceScheduler {
  const schedules: MaintenanceSchedule[] = [
    {
      name: JOB_NAMES.flushOutcomes,
      everyMs: deps.outcomesFlushIntervalMs ?? 60_000,
      opts: { removeOnComplete: true, removeOnFail: 100, attempts: 1 },
      what: "the outcomes flush",
    },
    {
      name: JOB_NAMES.retention,
      everyMs: (deps.retention ?? DEFAULT_RETENTION).intervalMs,
      opts: { removeOnComplete: 100, removeOnFail: 100, attempts: 1 },
      what: "retention",
    },
    {
      name: JOB_NAMES.eventPartitions,
      everyMs: EVENT_PARTITIONS_INTERVAL_MS,
      opts: { removeOnComplete: 100, removeOnFail: 100, attempts: 1 },
      what: "the event partitions",
    },
    {
      name: JOB_NAMES.expireIgnores,
      everyMs: EXPIRE_IGNORES_INTERVAL_MS,
      opts: { removeOnComplete: true, removeOnFail: 100, attempts: 1 },
      what: "the ignore expiry",
    },
    {
      name: JOB_NAMES.monitorClock,
      everyMs: MONITOR_CLOCK_INTERVAL_MS,
      opts: { removeOnComplete: true, removeOnFail: 100, attempts: 1 },
      what: "the cron monitor clock",
    },
  ];
  return keepMaintenanceScheduled(queue, connection, schedules, deps.log, deps.maintenanceCheckMs);
}
