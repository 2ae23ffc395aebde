import { workerMetricFamilies, type Logger } from "@faultline/runtime";
import { z } from "zod";
import { killWhenOrphaned } from "./orphan-watchdog";

/** Settings of `npm start`'s worker process, read by both its ends. */
export const supervisedWorkerConfigSchema = z.object({
  /**
   * How long the worker process may take to finish its jobs on shutdown before it is killed
   * (its unfinished jobs then run again on the next start). Below Kubernetes' default grace of
   * 30 s, so the server process still exits on its own.
   */
  WORKER_STOP_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(25),
});

/** What a worker started by `npm start` and its supervising server process tell each other. */
const READY = "faultline:worker-ready";
const METRICS_REQUEST = "faultline:metrics-request";
const METRICS = "faultline:metrics";

function messageOfType(message: unknown, type: string): message is { type: string; id?: unknown; metrics?: unknown } {
  return typeof message === "object" && message !== null && (message as { type?: unknown }).type === type;
}

export function isWorkerReadyMessage(message: unknown): boolean {
  return messageOfType(message, READY);
}

export function metricsRequest(id: number): { type: string; id: number } {
  return { type: METRICS_REQUEST, id };
}

/** The metric families of a worker's answer to `metricsRequest(id)`, if this message is it. */
export function metricsAnswer(message: unknown, id: number): unknown {
  return messageOfType(message, METRICS) && message.id === id ? message.metrics : undefined;
}

/**
 * When this worker is the child of `npm start` (an IPC channel is open): says it is taking jobs,
 * answers for its metrics, and stops the usual way (finishing its jobs) once the server process
 * is gone, even killed, so no worker is left running on its own (killed `stopTimeoutMs` later if
 * it is too busy to stop). Call it after the SIGTERM handler is in place.
 */
export function reportToSupervisor(log: Logger, stopTimeoutMs: number): void {
  if (!process.send) return;
  killWhenOrphaned(stopTimeoutMs);
  let signalled = false;
  const noteSignal = () => {
    signalled = true;
  };
  process.on("SIGTERM", noteSignal);
  process.on("SIGINT", noteSignal);
  const stopAlone = () => {
    // Already stopping on the supervisor's SIGTERM: a second signal would cut that short.
    if (signalled) return;
    log.warn("server process gone; stopping");
    process.kill(process.pid, "SIGTERM");
  };
  if (!process.connected) return stopAlone();
  process.once("disconnect", stopAlone);
  process.on("message", (message: unknown) => {
    if (!messageOfType(message, METRICS_REQUEST)) return;
    workerMetricFamilies().then(
      (metrics) => {
        if (process.connected) process.send?.({ type: METRICS, id: message.id, metrics });
      },
      (error: unknown) => log.warn({ err: error }, "metrics not read"),
    );
  });
  process.send({ type: READY });
}
