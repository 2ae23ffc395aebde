interface Pending<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

/**
 * Collects work items from concurrently running jobs and hands them over in batches, so many
 * events share one database transaction. Each caller gets its own item's result (or error).
 *
 * A batch goes out when it is full or its first item has waited `maxWaitMs`, but never more
 * than `maxInFlight` batches at once: while the database is busy, items keep gathering, so
 * under load batches grow towards `maxSize` (fewer statements and round trips per event) and a
 * lone event still goes out after `maxWaitMs`.
 *
 * A batch never fails for one member: when a flush fails, its items are flushed again in halves,
 * and so on down to single items, within the same send, so only the items that fail on their own
 * are rejected (each with its own error) and the rest get their results. `splitOnFailure` says
 * which failures are worth that: when every item would fail alike (the database is down), the
 * whole part is rejected at once. A poison item costs about 2·log2(batch size) extra flushes.
 */
export class Batcher<Item, Result> {
  private pending: Pending<Item, Result>[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** The oldest pending item has waited long enough (or the batch is full). */
  private due = false;
  private inFlight = 0;

  constructor(
    private readonly flushBatch: (items: Item[]) => Promise<Result[]>,
    private readonly maxSize: number,
    private readonly maxWaitMs: number,
    private readonly maxInFlight = 2,
    private readonly splitOnFailure: (error: unknown) => boolean = () => true,
  ) {}

  add(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.maxSize) this.due = true;
      else this.startTimer();
      this.pump();
    });
  }

  private startTimer(): void {
    if (this.due || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.due = true;
      this.pump();
    }, this.maxWaitMs);
  }

  private pump(): void {
    while (this.due && this.inFlight < this.maxInFlight && this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxSize);
      // What is left has not necessarily waited: it starts its own wait, unless already a full batch.
      this.due = this.pending.length >= this.maxSize;
      clearTimeout(this.timer);
      this.timer = undefined;
      if (this.pending.length > 0) this.startTimer();
      this.send(batch);
    }
  }

  private send(batch: Pending<Item, Result>[]): void {
    this.inFlight++;
    void this.settle(batch).finally(() => {
      this.inFlight--;
      this.pump();
    });
  }

  /** Flushes the entries; when that fails, settles each half on its own (one after the other). */
  private async settle(batch: Pending<Item, Result>[]): Promise<void> {
    let results: Result[];
    try {
      results = await this.flushBatch(batch.map((entry) => entry.item));
    } catch (error) {
      if (batch.length === 1 || !this.splitOnFailure(error)) {
        batch.forEach((entry) => entry.reject(error));
        return;
      }
      const middle = Math.ceil(batch.length / 2);
      await this.settle(batch.slice(0, middle));
      await this.settle(batch.slice(middle));
      return;
    }
    batch.forEach((entry, index) => entry.resolve(results[index] as Result));
  }
}
