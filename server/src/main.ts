import cluster from "node:cluster";
import { parseConfig } from "@faultline/core";
import { createLogger, exitOnConfigError, exitOnStartFailure, onShutdown, readEnvironment } from "@faultline/runtime";
import { serverConfigSchema } from "./config";
import { startServer } from "./server";
import { runServerProcesses } from "./server-processes";

async function main(): Promise<void> {
  const config = exitOnConfigError(() => parseConfig(serverConfigSchema, readEnvironment()));
  const log = createLogger(config.LOG_LEVEL, "server");
  if (config.WEB_CONCURRENCY > 1 && cluster.isPrimary) {
    runServerProcesses(config.WEB_CONCURRENCY, log);
    return;
  }
  const running = await startServer(config, log);
  onShutdown(log, () => running.close());
}

main().catch((error: unknown) => exitOnStartFailure("server", error));
