import { ConfigError } from "@faultline/core";
import type { Logger } from "./logger";

/** The exit code of a process stopped by one of its settings (sysexits' EX_CONFIG). */
export const EXIT_CONFIG = 78;

/** A bad setting stops the process with a message naming the variable, and no stack trace. */
export function exitOnConfigError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    throw error;
  }
}

/**
 * For a process's start-up failure: a setting's fault (a port in use) is said in one line naming
 * the variable and exits EX_CONFIG; anything else exits 1 with what failed.
 */
export function exitOnStartFailure(processName: string, error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${processName} cannot start: ${error.message}\n`);
    process.exit(EXIT_CONFIG);
  }
  process.stderr.write(`${processName} failed to start: ${String(error)}\n`);
  process.exit(1);
}

/** Runs `stop` once on SIGTERM/SIGINT, then exits; a second signal exits at once. */
export function onShutdown(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, "shutting down");
    stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        log.error({ err: error }, "error during shutdown");
        process.exit(1);
      });
  };
  process.on("SIGTERM", handler);
  process.on("SIGINT", handler);
}
