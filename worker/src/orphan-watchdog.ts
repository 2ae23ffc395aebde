import { Worker } from "node:worker_threads";

// Plain JavaScript, run in a thread: it must not share the event loop it watches over.
const WATCHDOG = `
const { workerData } = require("node:worker_threads");
let goneSince = 0;
setInterval(() => {
  if (process.ppid === workerData.parentPid) return;
  goneSince ||= Date.now();
  if (Date.now() - goneSince >= workerData.graceMs) process.kill(workerData.pid, "SIGKILL");
}, 250);
`;

/**
 * Kills this process `graceMs` after its parent is gone, if it is still there. A worker stops
 * by itself when its server process goes away, but only once its event loop is free: one stuck
 * in a long computation would otherwise run on with nobody to stop it. Its jobs are not lost:
 * BullMQ hands the ones it held to the next worker.
 */
export function killWhenOrphaned(graceMs: number): void {
  const watchdog = new Worker(WATCHDOG, {
    eval: true,
    workerData: { parentPid: process.ppid, pid: process.pid, graceMs },
  });
  watchdog.unref();
}
