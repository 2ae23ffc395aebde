import path from "node:path";
import { parseConfig } from "@faultline/core";
import {
  EXIT_CONFIG,
  createLogger,
  exitOnConfigError,
  exitOnStartFailure,
  onShutdown,
  readEnvironment,
  registerSupervisorMetrics,
  relayWorkerMetrics,
} from "@faultline/runtime";
import { supervisedWorkerConfigSchema, workerConfigSchema } from "@faultline/worker";
import { serverConfigSchema } from "./config";
import { startServer, type RunningServer } from "./server";
import { superviseWorker } from "./worker-process/supervisor";

/**
 * `npm start`, for small installs: the server in this process, the worker in a child process it
 * supervises. Processing never runs on the event loop that answers SDKs and health checks.
 */
async function main(): Promise<void> {
  const env = readEnvironment();
  const serverConfig = exitOnConfigError(() => parseConfig(serverConfigSchema, env));
  // Checked here too: a setting the worker cannot start with stops `npm start` at once, with
  // the variable named, instead of a worker process restarted again and again.
  exitOnConfigError(() => parseConfig(workerConfigSchema, env));
  const { WORKER_STOP_TIMEOUT_SECONDS } = exitOnConfigError(() => parseConfig(supervisedWorkerConfigSchema, env));
  const log = createLogger(serverConfig.LOG_LEVEL, "faultline");
  let server: RunningServer | undefined;
  const worker = superviseWorker({
    script: path.resolve(__dirname, "../../worker/dist/main.js"),
    // The server's PUBLIC_URL (its default from PORT, trailing slashes trimmed) for alert links,
    // as on its DSNs.
    env: { ...env, PUBLIC_URL: serverConfig.PUBLIC_URL },
    log: log.child({ component: "supervisor" }),
    stopTimeoutMs: WORKER_STOP_TIMEOUT_SECONDS * 1000,
    // The worker has said which setting (on stderr, shared with this process); without a worker
    // nothing would be processed, so `npm start` stops too instead of serving half the product.
    onSettingsFailure: () => {
      void (server?.close() ?? Promise.resolve()).finally(() => process.exit(EXIT_CONFIG));
    },
  });
  registerSupervisorMetrics(() => {
    const { state, restarts } = worker.status();
    return { running: state === "running", restarts };
  });
  // The worker's figures stay on PORT's /metrics, as when it ran in this process; a worker too
  // busy to answer within a second leaves its last figures in the scrape.
  relayWorkerMetrics(() => worker.requestMetrics(1000));
  try {
    server = await startServer(serverConfig, log.child({ component: "server" }), {
      readinessDetails: () => ({ worker: worker.status() }),
    });
  } catch (error) {
    // A PORT in use: no worker is left running on its own.
    await worker.stop();
    throw error;
  }
  const running = server;
  onShutdown(log, async () => {
    // Stop taking requests while the worker finishes the jobs it holds.
    await Promise.all([running.close(), worker.stop()]);
  });
}

main().catch((error: unknown) => exitOnStartFailure("faultline", error));
