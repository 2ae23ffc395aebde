import { fork, type ChildProcess } from "node:child_process";
import { EXIT_CONFIG, isMetricFamilyList, type Logger, type MetricFamily } from "@faultline/runtime";
import { isWorkerReadyMessage, metricsAnswer, metricsRequest } from "@faultline/worker";
import { DEFAULT_RESTART_BACKOFF, restartDelay, type RestartBackoff } from "./restart-backoff";

export type WorkerState = "starting" | "running" | "restarting" | "stopping" | "stopped";

export interface WorkerStatus {
  state: WorkerState;
  /** The worker process's id while there is one. */
  pid: number | null;
  /** Times the worker process was started again after it died. */
  restarts: number;
  lastExit: { code: number | null; signal: string | null; at: string } | null;
}

export interface SupervisorOptions {
  /** The worker's entry point (worker/dist/main.js). */
  script: string;
  /** The worker reads all its settings from here. */
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** How long stop() lets the worker finish the jobs it holds before killing it. */
  stopTimeoutMs: number;
  backoff?: RestartBackoff;
  /**
   * The worker exited EX_CONFIG: one of its settings (a WORKER_HEALTH_PORT in use) stops it, and
   * starting it again would fail the same way, so it is not restarted; this is called instead.
   */
  onSettingsFailure?: (code: number) => void;
}

export interface WorkerSupervisor {
  status(): WorkerStatus;
  /** The running worker's own metric families; nothing when it does not answer within `timeoutMs`. */
  requestMetrics(timeoutMs: number): Promise<MetricFamily[] | undefined>;
  /** SIGTERM, then SIGKILL after `stopTimeoutMs`; resolves once the worker is gone. Never restarts it after. */
  stop(): Promise<void>;
}

/**
 * Runs the worker in a process of its own and keeps it running: events are processed on
 * another event loop (and core) than the one answering SDKs and health checks, and a worker
 * that crashes, is killed or runs out of memory is started again after a backoff. Its jobs are
 * not lost meanwhile: they wait in Redis, and BullMQ hands the ones it held to the next worker.
 */
export function superviseWorker(options: SupervisorOptions): WorkerSupervisor {
  const { log } = options;
  const backoff = options.backoff ?? DEFAULT_RESTART_BACKOFF;
  let current: ChildProcess | undefined;
  let state: WorkerState = "starting";
  let restarts = 0;
  let lastExit: WorkerStatus["lastExit"] = null;
  let lastDelayMs: number | null = null;
  let restartTimer: NodeJS.Timeout | undefined;
  let stopped: Promise<void> | undefined;
  let lastRequestId = 0;

  const start = () => {
    state = "starting";
    const startedAt = Date.now();
    // Its own process group: a Ctrl-C in a terminal reaches the supervisor only, which then
    // stops the worker once (a second signal would make the worker exit without finishing).
    const worker = fork(options.script, [], { env: options.env, detached: true });
    current = worker;
    worker.on("message", (message: unknown) => {
      if (current !== worker || state !== "starting" || !isWorkerReadyMessage(message)) return;
      state = "running";
      log.info({ pid: worker.pid, restarts }, "worker process running");
    });
    // Failing to spawn at all: "exit" may not follow, so the next try is scheduled from here.
    worker.on("error", (error) => {
      log.error({ err: error, pid: worker.pid }, "worker process error");
      if (worker.pid === undefined) onExit(worker, null, null, startedAt);
    });
    worker.once("exit", (code, signal) => onExit(worker, code, signal, startedAt));
  };

  const onExit = (worker: ChildProcess, code: number | null, signal: string | null, startedAt: number) => {
    if (current !== worker) return;
    current = undefined;
    lastExit = { code, signal, at: new Date().toISOString() };
    if (stopped) return;
    if (code === EXIT_CONFIG) {
      state = "stopped";
      log.error({ pid: worker.pid, code }, "worker process cannot start with these settings; not restarting it");
      options.onSettingsFailure?.(code);
      return;
    }
    const ranForMs = Date.now() - startedAt;
    lastDelayMs = restartDelay(lastDelayMs, ranForMs, backoff);
    state = "restarting";
    log.error(
      { pid: worker.pid, code, signal, ranForMs, restartInMs: lastDelayMs, restarts },
      "worker process died; starting it again",
    );
    restartTimer = setTimeout(() => {
      restarts += 1;
      start();
    }, lastDelayMs);
  };

  const stopWorker = async () => {
    clearTimeout(restartTimer);
    const worker = current;
    if (!worker) return;
    state = "stopping";
    const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    worker.kill("SIGTERM");
    const killTimer = setTimeout(() => {
      // Its unfinished jobs are not lost: BullMQ sees them stalled and runs them again.
      log.warn({ pid: worker.pid, timeoutMs: options.stopTimeoutMs }, "worker process still busy; killing it");
      worker.kill("SIGKILL");
    }, options.stopTimeoutMs);
    await exited;
    clearTimeout(killTimer);
  };

  start();
  return {
    status: () => ({ state, pid: current?.pid ?? null, restarts, lastExit }),
    requestMetrics(timeoutMs) {
      const worker = current;
      if (!worker?.connected || state !== "running") return Promise.resolve(undefined);
      const id = ++lastRequestId;
      return new Promise((resolve) => {
        const done = (families: MetricFamily[] | undefined) => {
          clearTimeout(timer);
          worker.off("message", onMessage);
          resolve(families);
        };
        const onMessage = (message: unknown) => {
          const families = metricsAnswer(message, id);
          if (isMetricFamilyList(families)) done(families);
        };
        const timer = setTimeout(() => done(undefined), timeoutMs);
        worker.on("message", onMessage);
        worker.send(metricsRequest(id), (error) => {
          if (error) done(undefined);
        });
      });
    },
    stop() {
      stopped ??= stopWorker().then(() => {
        state = "stopped";
      });
      return stopped;
    },
  };
}
