import { parseConfig } from "@faultline/core";
import { createDatabase } from "@faultline/db";
import { createLogger, exitOnConfigError, onShutdown, readEnvironment } from "@faultline/runtime";
import { limitHeapGrowth, startWorker, startWorkerProbes, workerConfigSchema, workerDepsFrom } from "@faultline/worker";
import { serverConfigSchema } from "./config";
import { startServer } from "./server";

/** `npm start`: server and worker in one process, for small installs. */
async function main(): Promise<void> {
  const env = readEnvironment();
  const serverConfig = exitOnConfigError(() => parseConfig(serverConfigSchema, env));
  const workerConfig = exitOnConfigError(() => parseConfig(workerConfigSchema, env));
  limitHeapGrowth(workerConfig.WORKER_HEAP_GROWTH_PERCENT);
  const log = createLogger(serverConfig.LOG_LEVEL, "faultline");
  const db = createDatabase({ url: workerConfig.DATABASE_URL, poolSize: workerConfig.DATABASE_POOL_SIZE });
  // The server's PUBLIC_URL (trailing slashes trimmed) goes into alert links, as on its DSNs.
  const worker = startWorker(
    workerDepsFrom({ ...workerConfig, PUBLIC_URL: serverConfig.PUBLIC_URL }, db, log.child({ component: "worker" })),
  );
  const server = await startServer(serverConfig, log.child({ component: "server" }));
  // The server registered the queue gauges and its pool's in the process's one registry.
  const probes = await startWorkerProbes(workerConfig, db, { queueMetrics: false });
  onShutdown(log, async () => {
    // Stop taking requests first, then let the worker finish what was queued in flight.
    await server.close();
    await worker.close();
    await probes.close();
    await db.$disconnect();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`faultline failed to start: ${String(error)}\n`);
  process.exit(1);
});
