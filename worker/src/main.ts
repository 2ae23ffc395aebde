import { parseConfig } from "@faultline/core";
import { createDatabase, databasePool } from "@faultline/db";
import {
  createLogger,
  exitOnConfigError,
  exitOnStartFailure,
  onShutdown,
  readEnvironment,
  registerPoolMetrics,
} from "@faultline/runtime";
import { workerConfigSchema } from "./config";
import { limitHeapGrowth } from "./heap-growth";
import { startWorker } from "./runtime";
import { reportToSupervisor, supervisedWorkerConfigSchema } from "./supervised";
import { startWorkerProbes, workerDepsFrom } from "./worker-process";

/** The worker process: run on its own, or as the child `npm start` supervises. */
async function main(): Promise<void> {
  const env = readEnvironment();
  const config = exitOnConfigError(() => parseConfig(workerConfigSchema, env));
  const supervised = exitOnConfigError(() => parseConfig(supervisedWorkerConfigSchema, env));
  limitHeapGrowth(config.WORKER_HEAP_GROWTH_PERCENT);
  const log = createLogger(config.LOG_LEVEL, "worker");
  const db = createDatabase({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE });
  // Before any job is taken: a WORKER_HEALTH_PORT in use stops the process with nothing held.
  const probes = await startWorkerProbes(config, db, { queueMetrics: true });
  const running = startWorker(workerDepsFrom(config, db, log));
  const pool = databasePool(db);
  if (pool) registerPoolMetrics(pool);

  log.info({ concurrency: config.WORKER_CONCURRENCY, healthPort: config.WORKER_HEALTH_PORT }, "worker started");
  onShutdown(log, async () => {
    // Jobs in progress finish first; the probes answer meanwhile.
    await running.close();
    await probes.close();
    await db.$disconnect();
  });
  reportToSupervisor(log, supervised.WORKER_STOP_TIMEOUT_SECONDS * 1000);
}

main().catch((error: unknown) => exitOnStartFailure("worker", error));
