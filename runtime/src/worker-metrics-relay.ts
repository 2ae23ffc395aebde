import { Gauge, type Registry } from "prom-client";
import { metricsRegistry } from "./metrics";

/** One metric family as prom-client reads it (name, help, type and samples). */
export type MetricFamily = Awaited<ReturnType<Registry["getMetricsAsJSON"]>>[number];

/** The families only a worker process counts; `npm start`'s server process shows its worker's. */
export const WORKER_METRIC_NAMES = [
  "faultline_events_processed_total",
  "faultline_event_processing_lag_seconds",
  "faultline_jobs_failed_total",
  "faultline_notifications_total",
] as const;

/** This process's worker families, for the server process that supervises it. */
export async function workerMetricFamilies(): Promise<MetricFamily[]> {
  const families = await Promise.all(WORKER_METRIC_NAMES.map((name) => metricsRegistry.getSingleMetric(name)?.get()));
  return families.filter((family): family is MetricFamily => family !== undefined);
}

export function isMetricFamilyList(value: unknown): value is MetricFamily[] {
  return (
    Array.isArray(value) &&
    value.every(
      (family: unknown) =>
        typeof family === "object" &&
        family !== null &&
        typeof (family as { name?: unknown }).name === "string" &&
        Array.isArray((family as { values?: unknown }).values),
    )
  );
}

/**
 * A family whose samples are read from another process at scrape time. prom-client's registry
 * only reads a metric through get(), so this stands in for a counter or histogram as well.
 */
class RelayedFamily extends Gauge {
  constructor(
    name: string,
    help: string,
    private readonly read: () => Promise<MetricFamily>,
  ) {
    super({ name, help, registers: [] });
  }

  override get(): Promise<MetricFamily> {
    return this.read();
  }
}

/**
 * Serves the worker process's own families on this process's /metrics, in place of this
 * process's (always empty: it runs no worker). One request per scrape; when the worker cannot
 * answer (busy, restarting) the last figures it gave are served, or empty ones before any.
 */
export function relayWorkerMetrics(request: () => Promise<MetricFamily[] | undefined>): void {
  let latest = new Map<string, MetricFamily>();
  let refreshing: Promise<void> | undefined;
  const refresh = () =>
    (refreshing ??= request()
      .then((families) => {
        if (families) latest = new Map(families.map((family) => [family.name, family]));
      })
      .catch(() => undefined)
      .finally(() => {
        refreshing = undefined;
      }));
  for (const name of WORKER_METRIC_NAMES) {
    const own = metricsRegistry.getSingleMetric(name);
    if (!own) continue;
    const empty = own.get();
    metricsRegistry.removeSingleMetric(name);
    const relayed = new RelayedFamily(name, "relayed from the worker process", async () => {
      await refresh();
      return latest.get(name) ?? (await empty);
    });
    metricsRegistry.registerMetric(relayed);
  }
}
