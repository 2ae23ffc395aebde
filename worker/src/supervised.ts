import type { Logger } from "@faultline/runtime";

/** What a worker started by `npm start` tells its supervising server process. */
const READY = "faultline:worker-ready";

export function isWorkerReadyMessage(message: unknown): boolean {
  return typeof message === "object" && message !== null && (message as { type?: unknown }).type === READY;
}

/**
 * When this worker is the child of `npm start` (an IPC channel is open): says it is taking jobs,
 * and stops the usual way (finishing its jobs) once the server process is gone, even killed, so
 * no worker is left running on its own. Call it after the SIGTERM handler is in place.
 */
export function reportToSupervisor(log: Logger): void {
  if (!process.send) return;
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
  process.send({ type: READY });
}
