import { Counter, Gauge } from "prom-client";
import { metricsRegistry } from "./metrics";

/**
 * `npm start`'s worker process, on the server process's /metrics: whether it is running, and how
 * often it died and was started again (a rising count is a worker that cannot stay up).
 */
export function registerSupervisorMetrics(read: () => { running: boolean; restarts: number }): void {
  new Gauge({
    name: "faultline_worker_process_up",
    help: "1 while npm start's worker process is running and taking jobs, else 0",
    registers: [metricsRegistry],
    collect() {
      this.set(read().running ? 1 : 0);
    },
  });
  new Counter({
    name: "faultline_worker_process_restarts_total",
    help: "Times npm start's worker process died and was started again",
    registers: [metricsRegistry],
    collect() {
      this.reset();
      this.inc(read().restarts);
    },
  });
}
