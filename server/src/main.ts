import { parseConfig } from "@faultline/core";
import { createLogger, exitOnConfigError, exitOnStartFailure, onShutdown, readEnvironment } from "@faultline/runtime";
import { serverConfigSchema } from "./config";
import { startServer } from "./server";

async function main(): Promise<void> {
  const config = exitOnConfigError(() => parseConfig(serverConfigSchema, readEnvironment()));
  const log = createLogger(config.LOG_LEVEL, "server");
  const running = await startServer(config, log);
  onShutdown(log, () => running.close());
}

main().catch((error: unknown) => exitOnStartFailure("server", error));
