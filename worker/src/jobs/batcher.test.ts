import { Batcher } from "./batcher";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("Batcher", () => {
  it("sends a full batch at once and gives each caller its own result", async () => {
    const batches: number[][] = [];
    const batcher = new Batcher<number, number>(
      async (items) => {
        batches.push(items);
        return items.map((item) => item * 10);
      },
      3,
      10_000,
    );
    await expect(Promise.all([batcher.add(1), batcher.add(2), batcher.add(3)])).resolves.toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it("sends a lone item after the wait", async () => {
    const batcher = new Batcher<number, number>(async (items) => items, 100, 5);
    await expect(batcher.add(7)).resolves.toBe(7);
  });

  it("keeps gathering while the batches in flight are busy, then sends what gathered", async () => {
    const gates: ReturnType<typeof deferred<void>>[] = [];
    const batches: number[][] = [];
    const batcher = new Batcher<number, number>(
      async (items) => {
        batches.push(items);
        const gate = deferred<void>();
        gates.push(gate);
        await gate.promise;
        return items;
      },
      2,
      0,
      1,
    );
    const results = [1, 2, 3, 4, 5].map((item) => batcher.add(item));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // One batch in flight; the rest wait for it however long it takes.
    expect(batches).toEqual([[1, 2]]);
    gates[0]?.resolve();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
    gates[1]?.resolve();
    await new Promise((resolve) => setTimeout(resolve, 20));
    gates[2]?.resolve();
    await expect(Promise.all(results)).resolves.toEqual([1, 2, 3, 4, 5]);
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("fails every item of a batch whose failure is not worth splitting, and later batches still go out", async () => {
    let calls = 0;
    const batcher = new Batcher<number, number>(
      async (items) => {
        calls++;
        if (calls === 1) throw new Error("database unavailable");
        return items;
      },
      2,
      0,
      2,
      () => false,
    );
    const first = [batcher.add(1), batcher.add(2)];
    await expect(first[0]).rejects.toThrow("database unavailable");
    await expect(first[1]).rejects.toThrow("database unavailable");
    expect(calls).toBe(1);
    await expect(batcher.add(3)).resolves.toBe(3);
  });

  it("splits a failed batch until only the items that fail on their own are rejected, in the same flush", async () => {
    const poison = new Set([3, 17]);
    const flushed: number[][] = [];
    const batcher = new Batcher<number, number>(
      async (items) => {
        flushed.push(items);
        const bad = items.find((item) => poison.has(item));
        if (bad !== undefined) throw new Error(`item ${bad} refused`);
        return items.map((item) => item * 10);
      },
      20,
      10_000,
    );
    const items = Array.from({ length: 20 }, (_, index) => index);
    const settled = await Promise.allSettled(items.map((item) => batcher.add(item)));
    items.forEach((item, index) => {
      const result = settled[index];
      if (poison.has(item)) expect(result).toEqual({ status: "rejected", reason: new Error(`item ${item} refused`) });
      else expect(result).toEqual({ status: "fulfilled", value: item * 10 });
    });
    // Every good item is stored exactly once; only the poison is ever tried alone.
    const stored = flushed.filter((batch) => !batch.some((item) => poison.has(item))).flat();
    expect(stored.sort((a, b) => a - b)).toEqual(items.filter((item) => !poison.has(item)));
    expect(flushed.filter((batch) => batch.length === 1 && poison.has(batch[0] as number))).toHaveLength(2);
    // Splitting in halves: far fewer flushes than one per item.
    expect(flushed.length).toBeLessThan(items.length);
  });

  it("stops splitting a part whose failure is not worth splitting", async () => {
    let calls = 0;
    const batcher = new Batcher<number, number>(
      async (items) => {
        calls++;
        if (calls === 1) throw new Error("one bad item");
        if (items.includes(1)) throw Object.assign(new Error("connection lost"), { unavailable: true });
        return items;
      },
      4,
      10_000,
      2,
      (error) => !(error as { unavailable?: boolean }).unavailable,
    );
    const settled = await Promise.allSettled([1, 2, 3, 4].map((item) => batcher.add(item)));
    expect(settled.map((result) => result.status)).toEqual(["rejected", "rejected", "fulfilled", "fulfilled"]);
    // The whole batch, then each half once: the half that lost its connection is not split further.
    expect(calls).toBe(3);
  });

  it("splits a batch whose flush throws at once", async () => {
    const batcher = new Batcher<number, number>(
      (items) => {
        if (items.includes(2)) throw new Error("refused synchronously");
        return Promise.resolve(items);
      },
      2,
      10_000,
    );
    const settled = await Promise.allSettled([batcher.add(1), batcher.add(2)]);
    expect(settled.map((result) => result.status)).toEqual(["fulfilled", "rejected"]);
  });
});
