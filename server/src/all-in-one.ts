import path from "node:path";
import { parseConfig } from "@faultline/core";
import { createDatabase } from "@faultline/db";
import { createLogger, exitOnConfigError, onShutdown, readEnvironment } from "@faultline/runtime";
import { notifySettingsFrom, startWorker, workerConfigSchema } from "@faultline/worker";
import { serverConfigSchema } from "./config";
import { startServer } from "./server";

/** `npm start`: server and worker in one process, for small installs. */
async function main(): Promise<void> {
  const env = readEnvironment();
  const serverConfig = exitOnConfigError(() => parseConfig(serverConfigSchema, env));
  const workerConfig = exitOnConfigError(() => parseConfig(workerConfigSchema, env));
  const log = createLogger(serverConfig.LOG_LEVEL, "faultline");
  const db = createDatabase({ url: workerConfig.DATABASE_URL, poolSize: workerConfig.DATABASE_POOL_SIZE });
  const worker = startWorker({
    db,
    redisUrl: workerConfig.REDIS_URL,
    log: log.child({ component: "worker" }),
    concurrency: workerConfig.WORKER_CONCURRENCY,
    outcomesFlushIntervalMs: workerConfig.OUTCOMES_FLUSH_INTERVAL_SECONDS * 1000,
    retention: {
      retentionDays: workerConfig.EVENT_RETENTION_DAYS,
      maxEventsPerIssue: workerConfig.EVENT_CAP_PER_ISSUE,
      batchSize: 5000,
      intervalMs: workerConfig.RETENTION_INTERVAL_MINUTES * 60_000,
    },
    sourceMaps: {
      artifactsDir: path.resolve(workerConfig.ARTIFACTS_DIR),
      maxBytes: workerConfig.SOURCEMAP_MAX_BYTES,
      cacheBytes: workerConfig.SOURCEMAP_CACHE_BYTES,
    },
    notify: notifySettingsFrom({ ...workerConfig, PUBLIC_URL: serverConfig.PUBLIC_URL }),
  });
  const server = await startServer(serverConfig, log.child({ component: "server" }));
  onShutdown(log, async () => {
    // Stop taking requests first, then let the worker finish what was queued in flight.
    await server.close();
    await worker.close();
    await db.$disconnect();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`faultline failed to start: ${String(error)}\n`);
  process.exit(1);
});
