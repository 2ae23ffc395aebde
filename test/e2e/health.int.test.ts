import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { Database } from "@faultline/db";
import {
  checkReadiness,
  createIngestQueue,
  createProducerRedis,
  registerQueueMetrics,
  startHealthServer,
  waitForRedis,
  type IngestQueue,
} from "@faultline/runtime";
import type { Redis } from "ioredis";
import request from "supertest";
import { createApp } from "../../server/src/app";
import { KeyCache } from "../../server/src/ingest/key-cache";
import { createTestProject, openDatabase, resetState, silentLog, waitFor } from "../support/harness";
import { DisposableRedis, spareRedisPort } from "../support/redis-server";

let db: Database;
let redisServer: DisposableRedis;
let redis: Redis;
let queue: IngestQueue;

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  redisServer = new DisposableRedis(spareRedisPort(0));
  await redisServer.start();
  redis = createProducerRedis(redisServer.url);
  redis.on("error", () => undefined);
  await waitForRedis(redis, 5000);
  queue = createIngestQueue(redis);
  // As server.ts and the worker do: the queue gauges read Redis when /metrics is scraped.
  registerQueueMetrics(queue.queue);
});
afterAll(async () => {
  await queue.close().catch(() => undefined);
  redis.disconnect();
  await redisServer.stop();
  await db.$disconnect();
});

function app() {
  return createApp({
    log: silentLog,
    keys: new KeyCache(async () => null, 1000),
    queue,
    redis,
    limits: { maxCompressed: 1 << 20, maxDecompressed: 1 << 20, maxEventBytes: 1 << 20, maxAttachmentBytes: 1 << 20 },
    readiness: () => checkReadiness(db, redis),
  });
}

describe("health and metrics", () => {
  it("answers /_health/ and /_health/ready with every check ok", async () => {
    await request(app()).get("/_health/").expect(200, { status: "ok" });
    const ready = await request(app()).get("/_health/ready");
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: "ok",
      ready: true,
      checks: { postgres: "ok", redis: "ok", migrations: "ok" },
      // This test's Redis runs without persistence: a warning, still ready.
      redisPersistence: "off",
      warnings: [expect.stringContaining("Redis persists nothing")],
    });
  });

  it("exposes Prometheus metrics, ingest requests included", async () => {
    const project = await createTestProject(db);
    await request(app()).post(`/api/${project.projectId}/envelope/`).send("{}\n");
    const res = await request(app()).get("/metrics");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("text/plain");
    expect(res.text).toMatch(/faultline_ingest_requests_total\{endpoint="envelope",status="401"\} \d+/);
    expect(res.text).toContain("faultline_ingest_duration_seconds_bucket");
    expect(res.text).toContain("faultline_process_resident_memory_bytes");
  });

  it("goes red when Redis stops and green again when it is back, without a restart", async () => {
    await redisServer.stop();
    await waitFor(async () => (await request(app()).get("/_health/ready")).status === 503, 10_000, "readiness to fail");
    const red = await request(app()).get("/_health/ready");
    expect(red.body.checks.redis).not.toBe("ok");
    expect(red.body.checks.postgres).toBe("ok");

    await redisServer.start();
    await waitFor(
      async () => (await request(app()).get("/_health/ready")).status === 200,
      15_000,
      "readiness to recover",
    );
  });

  it("keeps answering /metrics while Redis is down: the queue gauges read NaN until it is back", async () => {
    await redisServer.stop();
    try {
      const res = await request(app()).get("/metrics");
      expect(res.status).toBe(200);
      // prom-client writes NaN as "Nan"; Prometheus reads either.
      expect(res.text).toMatch(/^faultline_queue_jobs\{state="waiting"\} nan$/im);
      expect(res.text).toMatch(/^faultline_queue_oldest_job_age_seconds nan$/im);
      expect(res.text).toContain("faultline_ingest_requests_total");
    } finally {
      await redisServer.start();
    }
    await waitFor(
      async () => /^faultline_queue_jobs\{state="waiting"\} 0$/m.test((await request(app()).get("/metrics")).text),
      15_000,
      "the queue gauges to read Redis again",
    );
  });

  it("serves the same endpoints on the worker's health port", async () => {
    const server: Server = await startHealthServer(0, () => checkReadiness(db, redis));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await request(base).get("/_health/").expect(200);
      await waitFor(async () => (await request(base).get("/_health/ready")).status === 200, 15_000, "worker readiness");
      const metrics = await request(base).get("/metrics");
      expect(metrics.text).toContain("faultline_events_processed_total");
      await request(base).get("/nope").expect(404);
    } finally {
      server.close();
    }
  });
});
