import type { OutcomeIncrement } from "@faultline/core";
import type { Redis } from "ioredis";
import { countOutcomes } from "./outcome-counters";
import { isRedisReady } from "./redis";

/**
 * Sums outcome increments in memory for a few milliseconds and sends them as one HINCRBY
 * pipeline, so counting costs the hot path no round trip of its own. At most `intervalMs` of
 * counts can be lost if the process dies; `close()` sends what is pending.
 */
export class OutcomeBuffer {
  private pending = new Map<string, OutcomeIncrement>();
  private timer: NodeJS.Timeout | undefined;

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
    if (!isRedisReady(this.redis)) return this.onError(new Error("redis is not connected; outcomes dropped"));
    await countOutcomes(this.redis, increments).catch(this.onError);
  }

  close(): Promise<void> {
    return this.flush();
  }
}
