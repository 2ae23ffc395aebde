import { Counter, Histogram, Registry } from "prom-client";
import { metricsRegistry } from "./metrics";
import { relayWorkerMetrics, type MetricFamily } from "./worker-metrics-relay";

/** Figures as a worker process would send them: its own registry's worker families. */
async function workerFigures(stored: number): Promise<MetricFamily[]> {
  const registry = new Registry();
  new Counter({
    name: "faultline_events_processed_total",
    help: "Events handled by the worker",
    labelNames: ["result"],
    registers: [registry],
  }).inc({ result: "stored" }, stored);
  new Histogram({
    name: "faultline_event_processing_lag_seconds",
    help: "lag",
    buckets: [0.1, 1],
    registers: [registry],
  }).observe(0.5);
  return registry.getMetricsAsJSON();
}

describe("relayWorkerMetrics", () => {
  let answer: () => Promise<MetricFamily[] | undefined> = () => Promise.resolve(undefined);
  relayWorkerMetrics(() => answer());

  it("serves the families empty, each once, before the worker has answered", async () => {
    const text = await metricsRegistry.metrics();
    expect(text.match(/^# TYPE faultline_events_processed_total counter$/gm)).toHaveLength(1);
    expect(text).not.toMatch(/^faultline_events_processed_total\{/m);
  });

  it("serves the worker's figures in place of this process's", async () => {
    answer = () => workerFigures(7);
    const text = await metricsRegistry.metrics();
    expect(text).toMatch(/^faultline_events_processed_total\{result="stored"\} 7$/m);
    expect(text.match(/^# TYPE faultline_events_processed_total counter$/gm)).toHaveLength(1);
    expect(text).toMatch(/^# TYPE faultline_event_processing_lag_seconds histogram$/m);
    expect(text).toMatch(/^faultline_event_processing_lag_seconds_bucket\{le="1"\} 1$/m);
    expect(text).toMatch(/^faultline_event_processing_lag_seconds_count 1$/m);
  });

  it("keeps the last figures while the worker does not answer", async () => {
    answer = () => Promise.resolve(undefined);
    expect(await metricsRegistry.metrics()).toMatch(/^faultline_events_processed_total\{result="stored"\} 7$/m);
    answer = () => Promise.reject(new Error("channel closed"));
    expect(await metricsRegistry.metrics()).toMatch(/^faultline_events_processed_total\{result="stored"\} 7$/m);
  });

  it("asks the worker once per scrape", async () => {
    let requests = 0;
    answer = () => {
      requests += 1;
      return workerFigures(9);
    };
    await metricsRegistry.metrics();
    expect(requests).toBe(1);
  });
});
