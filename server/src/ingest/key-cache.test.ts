import type { IngestKeyRecord } from "@faultline/db";
import { KeyCache, KeyLookupUnavailableError } from "./key-cache";

function record(publicKey: string, projectId: number, isActive = true): IngestKeyRecord {
  return { publicKey, projectId, dsnProjectIds: [projectId], isActive, keyLimit: null, projectQuota: null };
}

function cacheOver(rows: Map<string, IngestKeyRecord>) {
  let lookups = 0;
  const cache = new KeyCache(async (publicKey) => {
    lookups += 1;
    return rows.get(publicKey) ?? null;
  }, 60_000);
  return { cache, lookups: () => lookups };
}

it("serves a key from memory until it is invalidated", async () => {
  const rows = new Map([["a", record("a", 1)]]);
  const { cache, lookups } = cacheOver(rows);
  await cache.get("a");
  rows.set("a", record("a", 1, false));
  expect((await cache.get("a"))?.isActive).toBe(true);
  expect(lookups()).toBe(1);
  cache.invalidate("a");
  expect((await cache.get("a"))?.isActive).toBe(false);
  expect(lookups()).toBe(2);
});

it("drops every key of a project and leaves other projects cached", async () => {
  const rows = new Map([
    ["a", record("a", 1)],
    ["b", record("b", 1)],
    ["c", record("c", 2)],
  ]);
  const { cache, lookups } = cacheOver(rows);
  for (const key of ["a", "b", "c"]) await cache.get(key);
  cache.invalidateProject(1);
  for (const key of ["a", "b", "c"]) await cache.get(key);
  expect(lookups()).toBe(5);
});

it("does not keep the result of a lookup that was running when the key was invalidated", async () => {
  let release: (value: IngestKeyRecord) => void = () => undefined;
  let calls = 0;
  const cache = new KeyCache((publicKey) => {
    calls += 1;
    if (calls === 1) return new Promise((resolve) => (release = resolve));
    return Promise.resolve(record(publicKey, 1, false));
  }, 60_000);
  const stale = cache.get("a");
  cache.invalidate("a");
  release(record("a", 1, true));
  expect((await stale)?.isActive).toBe(true);
  expect((await cache.get("a"))?.isActive).toBe(false);
  expect(calls).toBe(2);
});

describe("while the database is unreachable", () => {
  /** A cache whose lookups fail while `down` is set; the clock is jest's. */
  function cacheOverFlakyDatabase(options: ConstructorParameters<typeof KeyCache>[2] = {}) {
    const rows = new Map([["a", record("a", 1)]]);
    const state = { down: false, lookups: 0 };
    const cache = new KeyCache(
      async (publicKey) => {
        state.lookups += 1;
        if (state.down) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
        return rows.get(publicKey) ?? null;
      },
      60_000,
      { retryMs: 5_000, staleMs: 3_600_000, ...options },
    );
    return { cache, rows, state };
  }

  beforeEach(() => jest.useFakeTimers({ now: new Date("2026-03-01T00:00:00Z") }));
  afterEach(() => jest.useRealTimers());

  it("serves a key it knew from memory past its TTL", async () => {
    const { cache, state } = cacheOverFlakyDatabase();
    await cache.get("a");
    state.down = true;
    jest.advanceTimersByTime(61_000);
    expect((await cache.get("a"))?.projectId).toBe(1);
    expect(state.lookups).toBe(2);
    // Then it waits before asking the database again, rather than trying on every request.
    for (let i = 0; i < 10; i++) await cache.get("a");
    expect(state.lookups).toBe(2);
    jest.advanceTimersByTime(6_000);
    state.down = false;
    expect((await cache.get("a"))?.projectId).toBe(1);
    expect(state.lookups).toBe(3);
  });

  it("refuses a key it never saw with KeyLookupUnavailableError, and does not cache the failure", async () => {
    const { cache, state } = cacheOverFlakyDatabase();
    state.down = true;
    await expect(cache.get("a")).rejects.toBeInstanceOf(KeyLookupUnavailableError);
    // Other unknown keys fail at once while the database is known to be down: no query each.
    await expect(cache.get("b")).rejects.toBeInstanceOf(KeyLookupUnavailableError);
    expect(state.lookups).toBe(1);
    jest.advanceTimersByTime(6_000);
    state.down = false;
    expect((await cache.get("a"))?.projectId).toBe(1);
  });

  it("stops honouring a stale key after the stale bound", async () => {
    const { cache, state } = cacheOverFlakyDatabase({ staleMs: 600_000 });
    await cache.get("a");
    state.down = true;
    jest.advanceTimersByTime(60_000 + 500_000);
    expect((await cache.get("a"))?.projectId).toBe(1);
    jest.advanceTimersByTime(200_000);
    await expect(cache.get("a")).rejects.toBeInstanceOf(KeyLookupUnavailableError);
  });

  it("treats a lookup that hangs as failed", async () => {
    let calls = 0;
    const cache = new KeyCache(
      (publicKey) => {
        calls += 1;
        return calls === 1 ? Promise.resolve(record(publicKey, 1)) : new Promise(() => undefined);
      },
      1_000,
      { lookupTimeoutMs: 2_000 },
    );
    await cache.get("a");
    jest.advanceTimersByTime(2_000);
    const answer = cache.get("a");
    jest.advanceTimersByTime(2_000);
    expect((await answer)?.projectId).toBe(1);
    const unknown = cache.get("z");
    await expect(unknown).rejects.toBeInstanceOf(KeyLookupUnavailableError);
  });

  it("forgets a stale key that is invalidated (revoked) even while lookups fail", async () => {
    const { cache, state } = cacheOverFlakyDatabase();
    await cache.get("a");
    state.down = true;
    cache.invalidate("a");
    await expect(cache.get("a")).rejects.toBeInstanceOf(KeyLookupUnavailableError);
  });

  it("keeps known keys when many unknown keys are looked up", async () => {
    const { cache, state } = cacheOverFlakyDatabase({ maxEntries: 10 });
    await cache.get("a");
    for (let i = 0; i < 50; i++) expect(await cache.get(`unknown-${i}`)).toBeNull();
    state.down = true;
    jest.advanceTimersByTime(61_000);
    expect((await cache.get("a"))?.projectId).toBe(1);
  });
});
