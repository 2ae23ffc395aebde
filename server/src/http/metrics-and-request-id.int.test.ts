import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import {
  checkReadiness,
  createIngestQueue,
  createProducerRedis,
  startHealthServer,
  waitForRedis,
  type IngestQueue,
} from "@faultline/runtime";
import type { Database } from "@faultline/db";
import type { Redis } from "ioredis";
import request from "supertest";
import { createApp } from "../app";
import { KeyCache } from "../ingest/key-cache";
import { openDatabase, silentLog, testUrls } from "../../../test/support/harness";

const TOKEN = "metrics-s3cret-0123456789";
let db: Database;
let redis: Redis;
let queue: IngestQueue;

beforeAll(async () => {
  db = openDatabase();
  redis = createProducerRedis(testUrls().redisUrl);
  redis.on("error", () => undefined);
  await waitForRedis(redis, 5000);
  queue = createIngestQueue(redis);
});
afterAll(async () => {
  await queue.close().catch(() => undefined);
  redis.disconnect();
  await db.$disconnect();
});

function app(metricsToken?: string) {
  return createApp({
    log: silentLog,
    keys: new KeyCache(async () => null, 1000),
    queue,
    redis,
    limits: { maxCompressed: 1 << 20, maxDecompressed: 1 << 20, maxEventBytes: 1 << 20, maxAttachmentBytes: 1 << 20 },
    ...(metricsToken ? { metricsToken } : {}),
  });
}

describe("METRICS_TOKEN", () => {
  it("the server's /metrics answers 401 without the bearer token and the metrics with it", async () => {
    const protectedApp = app(TOKEN);
    for (const authorization of [undefined, "Bearer wrong", `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const req = request(protectedApp).get("/metrics");
      const res = await (authorization ? req.set("Authorization", authorization) : req);
      expect(res.status).toBe(401);
      expect(res.headers["www-authenticate"]).toMatch(/^Bearer/);
      expect(res.body.detail).toMatch(/METRICS_TOKEN/);
      expect(res.text).not.toContain("faultline_");
    }
    const ok = await request(protectedApp).get("/metrics").set("Authorization", `Bearer ${TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain("faultline_ingest_requests_total");
    // Health probes stay open: load balancers do not carry tokens.
    await request(protectedApp).get("/_health/").expect(200);
  });

  it("without METRICS_TOKEN /metrics stays open", async () => {
    const res = await request(app()).get("/metrics");
    expect(res.status).toBe(200);
  });

  it("the worker's health port protects /metrics the same way", async () => {
    const server: Server = await startHealthServer(0, () => checkReadiness(db, redis), { metricsToken: TOKEN });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const denied = await request(base).get("/metrics");
      expect(denied.status).toBe(401);
      expect(denied.body.detail).toMatch(/METRICS_TOKEN/);
      const ok = await request(base).get("/metrics").set("Authorization", `Bearer ${TOKEN}`);
      expect(ok.status).toBe(200);
      expect(ok.text).toContain("faultline_");
      await request(base).get("/_health/").expect(200);
    } finally {
      server.close();
    }
  });
});

describe("X-Request-Id", () => {
  it("echoes a short, plain id the client sends", async () => {
    for (const id of ["abc-123", "req.42:7_x", "a".repeat(128)]) {
      const res = await request(app()).get("/_health/").set("X-Request-Id", id);
      expect(res.headers["x-request-id"]).toBe(id);
    }
  });

  it("replaces anything else with an id of its own", async () => {
    const hostile = ["a".repeat(129), "<script>alert(1)</script>", "id with spaces", "id\tnext", "ünicode", "a,b"];
    for (const id of hostile) {
      const res = await request(app()).get("/_health/").set("X-Request-Id", id);
      expect(res.headers["x-request-id"]).not.toBe(id);
      expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    }
    const none = await request(app()).get("/_health/");
    expect(none.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});
