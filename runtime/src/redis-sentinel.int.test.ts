import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseConfig } from "@faultline/core";
import { Redis } from "ioredis";
import { freePort, redisProcess, type RedisProcess } from "../../test/support/redis-process";
import { waitFor } from "../../test/support/harness";
import { commonConfigSchema } from "./config";
import { createIngestQueue } from "./queue";
import { createProducerRedis, createWorkerRedis, waitForRedis } from "./redis";
import { sentinelOptions } from "./redis-connection";

// A private redis-server as the master and a redis-server in sentinel mode watching it: the
// connections are given a REDIS_URL whose host and port lead nowhere, so only the sentinel can
// have told them where the master is.
let master: RedisProcess;
let sentinel: ChildProcess;
let sentinelPort: number;
let dir: string;
const NOWHERE = "redis://:@127.0.0.1:1/4";

beforeAll(async () => {
  master = await redisProcess();
  await master.start();
  const masterPort = new URL(master.url).port;
  sentinelPort = await freePort();
  dir = mkdtempSync(path.join(tmpdir(), "faultline-sentinel-"));
  const conf = path.join(dir, "sentinel.conf");
  writeFileSync(
    conf,
    [
      `port ${sentinelPort}`,
      "bind 127.0.0.1",
      `dir ${dir}`,
      `sentinel monitor faultline 127.0.0.1 ${masterPort} 1`,
    ].join("\n"),
  );
  sentinel = spawn("redis-server", [conf, "--sentinel"], { stdio: "ignore" });
  await waitFor(
    async () => {
      const probe = new Redis({ port: sentinelPort, lazyConnect: true, retryStrategy: () => null });
      probe.on("error", () => undefined);
      try {
        await probe.connect();
        const reply = (await probe.call("SENTINEL", "get-master-addr-by-name", "faultline")) as string[] | null;
        return reply?.[1] === masterPort || undefined;
      } catch {
        return undefined;
      } finally {
        probe.disconnect();
      }
    },
    15_000,
    "the sentinel",
  );
});

afterAll(async () => {
  await new Promise((resolve) => {
    sentinel.once("exit", resolve);
    sentinel.kill();
  });
  await master.stop();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ REDIS_SENTINELS: `127.0.0.1:${sentinelPort}`, REDIS_SENTINEL_NAME: "faultline" });

describe("Redis Sentinel", () => {
  it("connects through the sentinels to the master, in REDIS_URL's database", async () => {
    Object.assign(process.env, env());
    try {
      const producer = createProducerRedis(NOWHERE);
      const worker = createWorkerRedis(NOWHERE);
      expect(await waitForRedis(producer, 10_000)).toBe(true);
      expect(await waitForRedis(worker, 10_000)).toBe(true);
      await producer.set("through-sentinel", "yes");
      expect(await worker.get("through-sentinel")).toBe("yes");
      const direct = new Redis(`${master.url}/4`);
      expect(await direct.get("through-sentinel")).toBe("yes");

      // The ingest queue (BullMQ) over such a connection: a job lands on the master.
      const queue = createIngestQueue(producer, { prefix: "sentinel-test" });
      await queue.enqueueEvent({ projectId: 1, eventId: "a".repeat(32), receivedAt: Date.now(), event: {} });
      expect(await direct.llen("sentinel-test:ingest:wait")).toBe(1);
      await queue.close();
      await Promise.all([direct.quit(), producer.quit(), worker.quit()]);
    } finally {
      delete process.env.REDIS_SENTINELS;
      delete process.env.REDIS_SENTINEL_NAME;
    }
  });

  it("takes credentials, database and TLS from REDIS_URL", () => {
    const options = sentinelOptions("rediss://app:s%3Acret@ignored:6380/3", {
      ...env(),
      REDIS_SENTINEL_PASSWORD: "sentinel-secret",
    });
    expect(options).toEqual({
      sentinels: [{ host: "127.0.0.1", port: sentinelPort }],
      name: "faultline",
      sentinelPassword: "sentinel-secret",
      username: "app",
      password: "s:cret",
      db: 3,
      tls: {},
      enableTLSForSentinelMode: true,
    });
    expect(sentinelOptions("redis://127.0.0.1:6379", {})).toBeUndefined();
  });

  it("refuses a malformed REDIS_SENTINELS at start, naming it", () => {
    const base = { DATABASE_URL: "postgresql://localhost/faultline" };
    expect(() => parseConfig(commonConfigSchema, { ...base, REDIS_SENTINELS: "sentinel-a,sentinel-b:26379" })).toThrow(
      /REDIS_SENTINELS/,
    );
    expect(
      parseConfig(commonConfigSchema, { ...base, REDIS_SENTINELS: "10.0.0.1:26379, [::1]:26380" }).REDIS_SENTINELS,
    ).toEqual([
      { host: "10.0.0.1", port: 26379 },
      { host: "::1", port: 26380 },
    ]);
  });
});
