import type { OutcomeIncrement } from "@faultline/core";
import type { Redis } from "ioredis";
import { ingestOutcomes } from "./metrics";
import { countOutcomes } from "./outcome-counters";
import { isRedisReady } from "./redis";

/**
 * Categories and reasons partly come from SDKs (client reports, unknown item types), so the
 * metric keeps at most this many label sets; later new ones are counted as "other".
 */
const MAX_METRIC_SERIES = 500;

/**
 * Sums outcome increments in memory for a few milliseconds and sends them as one HINCRBY
 * pipeline, so counting costs the hot path no round trip of its own. At most `intervalMs` of
 * counts can be lost if the process dies; `close()` sends what is pending.
 */
export class OutcomeBuffer {
  private pending = new Map<string, OutcomeIncrement>();
  private timer: NodeJS.Timeout | undefined;
  private readonly metricSeries = new Set<string>();

  constructor(
    private readonly redis: Redis,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs = 50,
  ) {}

  add(increments: OutcomeIncrement[]): void {
    for (const inc of increments) {
      const key = `${inc.projectId}|${inc.outcome}|${inc.category}|${inc.reason}`;
      const existing = this.pending.get(key);
      if (existing) existing.quantity += inc.quantity;
      else this.pending.set(key, { ...inc });
    }
    this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const increments = [...this.pending.values()];
    this.pending = new Map();
    // Counted here, once per summed key, rather than per request in add(): the hot path stays cheap.
    for (const inc of increments) this.countMetric(inc);
    if (!isRedisReady(this.redis)) return this.onError(new Error("redis is not connected; outcomes dropped"));
    await countOutcomes(this.redis, increments).catch(this.onError);
  }

  private countMetric(inc: OutcomeIncrement): void {
    const series = `${inc.outcome}|${inc.category}|${inc.reason}`;
    const known = this.metricSeries.has(series) || this.metricSeries.size < MAX_METRIC_SERIES;
    if (known) this.metricSeries.add(series);
    ingestOutcomes.inc(
      { outcome: inc.outcome, category: known ? inc.category : "other", reason: known ? inc.reason : "other" },
      inc.quantity,
    );
  }

  close(): Promise<void> {
    return this.flush();
  }
}
