import type { IngestKeyRecord } from "@faultline/db";
import { KeyCache } from "./key-cache";

function record(publicKey: string, projectId: number, isActive = true): IngestKeyRecord {
  return { publicKey, projectId, isActive, keyLimit: null, projectQuota: null };
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
