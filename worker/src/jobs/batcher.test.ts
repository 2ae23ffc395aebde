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

  it("fails every item of a failed batch, and later batches still go out", async () => {
    let calls = 0;
    const batcher = new Batcher<number, number>(
      async (items) => {
        calls++;
        if (calls === 1) throw new Error("deadlock");
        return items;
      },
      2,
      0,
    );
    const first = [batcher.add(1), batcher.add(2)];
    await expect(first[0]).rejects.toThrow("deadlock");
    await expect(first[1]).rejects.toThrow("deadlock");
    await expect(batcher.add(3)).resolves.toBe(3);
  });
});
