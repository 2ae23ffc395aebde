import { Gauge } from "prom-client";
import { metricsRegistry } from "./metrics";

/** Exports being written: one that outlived its client would stay here (with its rows). */
export const apiExportsInProgress = new Gauge({
  name: "faultline_api_exports_in_progress",
  help: "Exports (issue events, issue lists) being streamed to a client",
  registers: [metricsRegistry],
});
