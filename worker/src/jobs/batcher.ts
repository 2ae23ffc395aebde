/**
 * Collects work items from concurrently running jobs and hands them over in batches, so many
 * events share one database transaction. Each caller gets its own item's result (or error).
 */
export class Batcher<Item, Result> {
  private pending: { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly flushBatch: (items: Item[]) => Promise<Result[]>,
    private readonly maxSize: number,
    private readonly maxWaitMs: number,
  ) {}

  add(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.maxSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.flushBatch(batch.map((entry) => entry.item)).then(
      (results) => batch.forEach((entry, index) => entry.resolve(results[index] as Result)),
      (error: unknown) => batch.forEach((entry) => entry.reject(error)),
    );
  }
}
