import path from "node:path";
import { INGEST_QUEUE } from "@faultline/core";
import type { Database } from "@faultline/db";
import {
  checkReadiness,
  createProducerRedis,
  registerQueueMetrics,
  startHealthServer,
  type Logger,
} from "@faultline/runtime";
import { Queue } from "bullmq";
import type { WorkerConfig } from "./config";
import { notifySettingsFrom } from "./notify/settings";
import type { WorkerDeps } from "./runtime";

/**
 * How a worker runs, from its settings. The standalone worker and `npm start` (server and
 * worker in one process) both start from here, so a new setting cannot reach one and not the other.
 */
export function workerDepsFrom(config: WorkerConfig, db: Database, log: Logger): WorkerDeps {
  return {
    db,
    redisUrl: config.REDIS_URL,
    log,
    concurrency: config.WORKER_CONCURRENCY,
    batch: { maxSize: config.WORKER_BATCH_SIZE, maxWaitMs: config.WORKER_BATCH_WAIT_MS },
    processingBudgetMs: config.EVENT_PROCESSING_BUDGET_MS,
    outcomesFlushIntervalMs: config.OUTCOMES_FLUSH_INTERVAL_SECONDS * 1000,
    retention: {
      retentionDays: config.EVENT_RETENTION_DAYS,
      maxEventsPerIssue: config.EVENT_CAP_PER_ISSUE,
      batchSize: 5000,
      intervalMs: config.RETENTION_INTERVAL_MINUTES * 60_000,
    },
    sourceMaps: {
      artifactsDir: path.resolve(config.ARTIFACTS_DIR),
      maxBytes: config.SOURCEMAP_MAX_BYTES,
      cacheBytes: config.SOURCEMAP_CACHE_BYTES,
    },
    notify: notifySettingsFrom(config),
    failedJobRetentionHours: config.FAILED_JOB_RETENTION_HOURS,
  };
}

export interface WorkerProbes {
  close(): Promise<void>;
}

/**
 * WORKER_HEALTH_PORT: /_health/, /_health/ready and /metrics (0 turns the port off). Probes use
 * a fail-fast connection of their own so they answer during a Redis outage. `queueMetrics`
 * registers the queue gauges; all-in-one leaves it off, its server has registered them already
 * in the process's one registry (and serves the same text on PORT).
 */
export async function startWorkerProbes(
  config: Pick<WorkerConfig, "REDIS_URL" | "WORKER_HEALTH_PORT" | "METRICS_TOKEN">,
  db: Database,
  options: { queueMetrics: boolean },
): Promise<WorkerProbes> {
  const probeRedis = createProducerRedis(config.REDIS_URL);
  probeRedis.on("error", () => undefined);
  let metricsQueue: Queue | undefined;
  if (options.queueMetrics) {
    metricsQueue = new Queue(INGEST_QUEUE, { connection: probeRedis });
    metricsQueue.on("error", () => undefined);
    registerQueueMetrics(metricsQueue);
  }
  const health =
    config.WORKER_HEALTH_PORT > 0
      ? await startHealthServer(config.WORKER_HEALTH_PORT, () => checkReadiness(db, probeRedis), {
          ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
        })
      : undefined;
  return {
    async close() {
      health?.close();
      await metricsQueue?.close();
      probeRedis.disconnect();
    },
  };
}
