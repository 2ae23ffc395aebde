import cluster from "node:cluster";
import { EXIT_CONFIG, type Logger } from "@faultline/runtime";

const RESTART_DELAY_MS = 1000;

/**
 * WEB_CONCURRENCY above 1 (`npm run start:server` on a box with more cores): this process only
 * forks that many server processes, which share PORT (node:cluster hands new connections to them
 * in turn), and starts another when one dies. A process stopped by a setting (a port in use)
 * stops them all with its exit code instead of being restarted again and again. SIGTERM and
 * SIGINT are passed on; each server process finishes its requests in flight, then this one exits.
 */
export function runServerProcesses(count: number, log: Logger): void {
  let stopping = false;
  let running = 0;
  const fork = () => {
    running++;
    cluster.fork();
  };
  cluster.on("exit", (worker, code, signal) => {
    running--;
    if (stopping) {
      if (running === 0) process.exit(0);
      return;
    }
    if (code === EXIT_CONFIG) {
      stop();
      process.exitCode = EXIT_CONFIG;
      if (running === 0) process.exit(EXIT_CONFIG);
      return;
    }
    log.warn({ pid: worker.process.pid, code, signal }, "server process exited; starting another");
    setTimeout(fork, RESTART_DELAY_MS);
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  for (let i = 0; i < count; i++) fork();
  log.info({ processes: count }, "server processes started");
}
