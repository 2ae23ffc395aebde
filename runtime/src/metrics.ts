import type { Queue } from "bullmq";
import type { Pool } from "pg";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** One registry per process, exposed at /metrics (server) and on the worker's health port. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: "faultline_" });

export const ingestRequests = new Counter({
  name: "faultline_ingest_requests_total",
  help: "Ingest requests by endpoint and response status (2xx accepted, 4xx/5xx refused)",
  labelNames: ["endpoint", "status"] as const,
  registers: [metricsRegistry],
});

export const ingestDuration = new Histogram({
  name: "faultline_ingest_duration_seconds",
  help: "Time to answer an ingest request",
  labelNames: ["endpoint"] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [metricsRegistry],
});

/**
 * Why ingest refused a request, by its status. Each ingest path counts its answers in
 * ingestRequests; this reads them at scrape time so no path can miss it. The reasons of
 * `invalid` items (invalid_json, too_large, ...) are in faultline_ingest_outcomes_total.
 */
export function refusalReason(status: number): string {
  if (status >= 500) return status === 503 ? "unavailable" : "server_error";
  return REFUSAL_REASONS[status] ?? "other";
}

const REFUSAL_REASONS: Partial<Record<number, string>> = {
  400: "invalid",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  413: "too_large",
  415: "unsupported_media",
  429: "rate_limited",
};

export const ingestRefusedRequests = new Counter({
  name: "faultline_ingest_refused_requests_total",
  help: "Ingest requests answered with an error, by endpoint and reason (unauthorized, forbidden, rate_limited, too_large, invalid, unavailable, ...)",
  labelNames: ["endpoint", "reason"] as const,
  registers: [metricsRegistry],
  async collect() {
    const { values } = await ingestRequests.get();
    this.reset();
    for (const { labels, value } of values) {
      const status = Number(labels.status);
      if (status >= 400) this.inc({ endpoint: String(labels.endpoint), reason: refusalReason(status) }, value);
    }
  },
});

export const ingestOutcomes = new Counter({
  name: "faultline_ingest_outcomes_total",
  help: "Items counted by ingest by outcome (accepted, filtered, rate_limited, invalid, client_discarded), data category and reason",
  labelNames: ["outcome", "category", "reason"] as const,
  registers: [metricsRegistry],
});

export const eventsProcessed = new Counter({
  name: "faultline_events_processed_total",
  help: "Events handled by the worker, by result (stored, duplicate)",
  labelNames: ["result"] as const,
  registers: [metricsRegistry],
});

export const processingLag = new Histogram({
  name: "faultline_event_processing_lag_seconds",
  help: "Time from ingest accepting an event to the worker storing it",
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
  registers: [metricsRegistry],
});

export const jobsFailed = new Counter({
  name: "faultline_jobs_failed_total",
  help: "Job attempts that failed, by job name",
  labelNames: ["job"] as const,
  registers: [metricsRegistry],
});

export const notificationsSent = new Counter({
  name: "faultline_notifications_total",
  help: "Notification deliveries by channel and result (sent, failed)",
  labelNames: ["channel", "result"] as const,
  registers: [metricsRegistry],
});

const QUEUE_STATES = ["waiting", "active", "delayed", "failed", "prioritized"] as const;

/**
 * Queue depth and the age of the oldest waiting job, read when /metrics is scraped. When Redis
 * cannot answer, the gauges read NaN ("unknown") rather than failing the scrape: /metrics must
 * keep answering during an outage, and a stale count would look healthy.
 */
export function registerQueueMetrics(queue: Queue): void {
  new Gauge({
    name: "faultline_queue_jobs",
    help: "Jobs in the ingest queue by state (NaN while Redis cannot be read)",
    labelNames: ["state"] as const,
    registers: [metricsRegistry],
    async collect() {
      try {
        const counts = await queue.getJobCounts(...QUEUE_STATES);
        for (const [state, count] of Object.entries(counts)) this.set({ state }, count);
      } catch {
        for (const state of QUEUE_STATES) this.set({ state }, Number.NaN);
      }
    },
  });
  new Gauge({
    name: "faultline_queue_oldest_job_age_seconds",
    help: "Age of the oldest job still waiting in the ingest queue (NaN while Redis cannot be read)",
    registers: [metricsRegistry],
    async collect() {
      try {
        const [oldest] = await queue.getJobs(["waiting"], 0, 0, true);
        this.set(oldest ? Math.max(0, (Date.now() - oldest.timestamp) / 1000) : 0);
      } catch {
        this.set(Number.NaN);
      }
    },
  });
}

export function registerPoolMetrics(pool: Pool): void {
  new Gauge({
    name: "faultline_db_pool_connections",
    help: "PostgreSQL pool connections by state",
    labelNames: ["state"] as const,
    registers: [metricsRegistry],
    collect() {
      this.set({ state: "total" }, pool.totalCount);
      this.set({ state: "idle" }, pool.idleCount);
      this.set({ state: "waiting" }, pool.waitingCount);
    },
  });
}
