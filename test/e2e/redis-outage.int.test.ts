import type { Database } from "@faultline/db";
import request from "supertest";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  waitFor,
  type TestServer,
} from "../support/harness";
import { redisProcess, type RedisProcess } from "../support/redis-process";

let db: Database;
let redis: RedisProcess;
let server: TestServer | undefined;

beforeAll(async () => {
  db = openDatabase();
  redis = await redisProcess();
  await redis.start();
});
afterAll(async () => {
  await server?.close();
  await redis.stop();
  await db.$disconnect();
});

describe("Redis outage", () => {
  it("answers 503 quickly while Redis is down and resumes without a restart when it is back", async () => {
    await resetState(db);
    const project = await createTestProject(db);
    server = await startTestServer(db, { redisUrl: redis.url });
    const send = () =>
      request(server?.url ?? "")
        .post(`/api/${project.projectId}/envelope/`)
        .set("X-Sentry-Auth", `Sentry sentry_key=${project.publicKey}`)
        .send('{}\n{"type":"event"}\n{"message":"hello"}\n');

    expect((await send()).status).toBe(200);

    await redis.stop();
    const started = Date.now();
    const down = await send();
    expect(down.status).toBe(503);
    expect(down.headers["retry-after"]).toBe("5");
    expect(down.body.detail).toMatch(/unavailable/);
    expect(Date.now() - started).toBeLessThan(3500);

    await redis.start();
    await waitFor(async () => ((await send()).status === 200 ? true : undefined), 15_000, "ingest to resume");
    const waiting = await server.queue.queue.getJobs(["waiting"]);
    expect(waiting.length).toBeGreaterThanOrEqual(1);
  });
});
