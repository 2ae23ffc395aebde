import path from "node:path";
import { INGEST_QUEUE, parseConfig } from "@faultline/core";
import { createDatabase, databasePool } from "@faultline/db";
import {
  checkReadiness,
  createLogger,
  createProducerRedis,
  exitOnConfigError,
  onShutdown,
  readEnvironment,
  registerPoolMetrics,
  registerQueueMetrics,
  startHealthServer,
} from "@faultline/runtime";
import { Queue } from "bullmq";
import { workerConfigSchema } from "./config";
import { notifySettingsFrom } from "./notify/settings";
import { startWorker } from "./runtime";

async function main(): Promise<void> {
  const config = exitOnConfigError(() => parseConfig(workerConfigSchema, readEnvironment()));
  const log = createLogger(config.LOG_LEVEL, "worker");
  const db = createDatabase({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE });
  const running = startWorker({
    db,
    redisUrl: config.REDIS_URL,
    log,
    concurrency: config.WORKER_CONCURRENCY,
    batch: { maxSize: config.WORKER_BATCH_SIZE, maxWaitMs: config.WORKER_BATCH_WAIT_MS },
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
  });

  // Health and metrics use their own fail-fast connection so probes answer during outages.
  const probeRedis = createProducerRedis(config.REDIS_URL);
  probeRedis.on("error", () => undefined);
  const metricsQueue = new Queue(INGEST_QUEUE, { connection: probeRedis });
  metricsQueue.on("error", () => undefined);
  registerQueueMetrics(metricsQueue);
  const pool = databasePool(db);
  if (pool) registerPoolMetrics(pool);
  const health =
    config.WORKER_HEALTH_PORT > 0
      ? await startHealthServer(config.WORKER_HEALTH_PORT, () => checkReadiness(db, probeRedis))
      : undefined;

  log.info({ concurrency: config.WORKER_CONCURRENCY, healthPort: config.WORKER_HEALTH_PORT }, "worker started");
  onShutdown(log, async () => {
    health?.close();
    await running.close();
    await metricsQueue.close();
    probeRedis.disconnect();
    await db.$disconnect();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`worker failed to start: ${String(error)}\n`);
  process.exit(1);
});
