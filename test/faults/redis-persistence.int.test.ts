/**
 * Redis that persists nothing loses every queued event when it restarts. The server and the
 * worker say so at start, and /_health/ready carries it as a warning (still ready: some run
 * Redis so on purpose). Managed Redis that refuses CONFIG reads as "unknown", never a failure.
 */
import { tmpdir } from "node:os";
import { spawn, type ChildProcess } from "node:child_process";
import type { Database } from "@faultline/db";
import { checkReadiness, createProducerRedis, redisPersistence, waitForRedis } from "@faultline/runtime";
import type { Redis } from "ioredis";
import { childPorts, startChild, type ChildService } from "../support/child-processes";
import { openDatabase } from "../support/harness";
import { spareRedisPort } from "../support/redis-server";

jest.setTimeout(60_000);

let db: Database;
const redisProcesses: ChildProcess[] = [];
const clients: Redis[] = [];
const services: ChildService[] = [];

beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await Promise.all(services.map((service) => service.stop()));
  for (const client of clients) client.disconnect();
  for (const child of redisProcesses) child.kill("SIGKILL");
  await db.$disconnect();
});

/** A private redis-server with these extra arguments; resolves to a ready client. */
async function privateRedis(offset: number, args: string[]): Promise<Redis> {
  const port = spareRedisPort(offset);
  redisProcesses.push(
    // Its own folder: switching the append-only file on writes one there.
    spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--dir", tmpdir(), ...args], {
      stdio: "ignore",
    }),
  );
  const deadline = Date.now() + 10_000;
  for (;;) {
    const client = createProducerRedis(`redis://127.0.0.1:${port}`);
    client.on("error", () => undefined);
    if (await waitForRedis(client, 1000)) {
      clients.push(client);
      return client;
    }
    client.disconnect();
    if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not start`);
  }
}

it("reads Redis without AOF and snapshots as persisting nothing, and warns in readiness without failing it", async () => {
  const redis = await privateRedis(0, ["--save", "", "--appendonly", "no"]);
  const readiness = await checkReadiness(db, redis);
  expect(readiness.ready).toBe(true);
  expect(readiness.redisPersistence).toBe("off");
  expect(readiness.warnings).toEqual([expect.stringContaining("Redis persists nothing")]);

  await redis.config("SET", "appendonly", "yes");
  const persisted = await checkReadiness(db, redis);
  expect(persisted.redisPersistence).toBe("on");
  expect(persisted.warnings).toEqual([]);

  await redis.config("SET", "appendonly", "no");
  await redis.config("SET", "save", "3600 1");
  expect(await redisPersistence(redis)).toBe("on");
});

it("says unknown, and stays ready, when CONFIG is not allowed", async () => {
  const redis = await privateRedis(1, ["--save", "", "--appendonly", "no", "--rename-command", "CONFIG", ""]);
  const readiness = await checkReadiness(db, redis);
  expect(readiness.ready).toBe(true);
  expect(readiness.redisPersistence).toBe("unknown");
  expect(readiness.warnings).toEqual([]);
});

it("the server and the worker warn at start, and the server's readiness carries the warning", async () => {
  // The test Redis runs without persistence (--save "" --appendonly no).
  const [serverPort = 0, workerPort = 0] = childPorts(2);
  const server = await startChild("server", "server/dist/main.js", serverPort, { PORT: String(serverPort) });
  services.push(server);
  const worker = await startChild("worker", "worker/dist/main.js", workerPort, {
    WORKER_HEALTH_PORT: String(workerPort),
  });
  services.push(worker);
  const ready = await fetch(`${server.url}/_health/ready`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toMatchObject({
    ready: true,
    redisPersistence: "off",
    warnings: [expect.stringContaining("Redis persists nothing")],
  });
  const workerReady = await fetch(`${worker.url}/_health/ready`);
  expect(await workerReady.json()).toMatchObject({ redisPersistence: "off" });
  for (const child of [server, worker])
    expect(child.output()).toMatch(/"level":40[^\n]*"redisPersistence":"off"[^\n]*Redis persists nothing/);
});
