import { parseRateLimitHeader } from "@faultline/core";
import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import request from "supertest";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  startTestWorker,
  waitFor,
  waitForQueueDrained,
  type TestServer,
} from "../../../test/support/harness";

let db: Database;
let server: TestServer;
let worker: RunningWorker | undefined;
let project: Awaited<ReturnType<typeof createTestProject>>;

beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  project = await createTestProject(db);
});
afterEach(async () => {
  await server.close();
  await worker?.close();
  worker = undefined;
});

const send = (body: string) =>
  request(server.url)
    .post(`/api/${project.projectId}/envelope/`)
    .set("X-Sentry-Auth", `Sentry sentry_key=${project.publicKey}, sentry_version=7`)
    .send(body);
const eventEnvelope = (message: string, extra = "") => `{}\n{"type":"event"}\n${JSON.stringify({ message })}\n${extra}`;

async function outcomeTotals() {
  const rows = await db.outcome.findMany();
  return Object.fromEntries(rows.map((r) => [`${r.outcome}/${r.category}/${r.reason}`, Number(r.quantity)]));
}

describe("rate limits and quotas", () => {
  it("limits a key per window: 429 with Retry-After and X-Sentry-Rate-Limits, counted as rate_limited", async () => {
    await db.projectKey.update({
      where: { publicKey: project.publicKey },
      data: { rateLimitCount: 2, rateLimitWindowSeconds: 60 },
    });
    server = await startTestServer(db);
    worker = startTestWorker(db);
    expect((await send(eventEnvelope("one"))).status).toBe(200);
    expect((await send(eventEnvelope("two"))).status).toBe(200);
    const limited = await send(eventEnvelope("three"));
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const [limit] = parseRateLimitHeader(limited.headers["x-sentry-rate-limits"] as string);
    expect(limit).toEqual({
      retryAfter,
      categories: ["error", "default", "security", "transaction"],
      scope: "key",
      reasonCode: "key_quota",
    });
    expect(limited.body.detail).toMatch(/rate limited/);
    await waitForQueueDrained(server.queue);
    expect(await db.event.count()).toBe(2);
    await waitFor(async () => ((await outcomeTotals())["rate_limited/error/key_quota"] === 1 ? true : undefined));
    expect(await outcomeTotals()).toEqual({ "accepted/error/": 2, "rate_limited/error/key_quota": 1 });
  });

  it("keeps the unlimited items of a limited envelope: 200 with the header", async () => {
    await db.project.update({
      where: { id: project.projectId },
      data: { eventQuota: 0, eventQuotaWindowSeconds: 3600 },
    });
    server = await startTestServer(db);
    const started = new Date().toISOString();
    const session = `{"type":"session"}\n${JSON.stringify({ sid: "s", init: true, started, attrs: { release: "r" } })}\n`;
    const res = await send(eventEnvelope("limited", session));
    expect(res.status).toBe(200);
    expect(res.headers["x-sentry-rate-limits"]).toMatch(
      /^\d+:error;default;security;transaction:project:quota_exceeded$/,
    );
    const jobs = await server.queue.queue.getJobs(["waiting"]);
    expect(jobs.map((job) => job.name)).toEqual(["session.ingest"]);
  });

  it("never refuses an envelope of client reports", async () => {
    await db.project.update({
      where: { id: project.projectId },
      data: { eventQuota: 0, eventQuotaWindowSeconds: 3600 },
    });
    server = await startTestServer(db);
    const res = await send('{}\n{"type":"client_report"}\n{"discarded_events":[]}\n');
    expect(res.status).toBe(200);
  });
});

describe("spike protection", () => {
  it("keeps exact counts on a known issue but stores only a sample of the payloads", async () => {
    server = await startTestServer(db, { spike: { minPerMinute: 5, factor: 10, sampleRate: 0 } });
    worker = startTestWorker(db);
    expect((await send(eventEnvelope("same error"))).status).toBe(200);
    await waitForQueueDrained(server.queue);
    for (let i = 0; i < 11; i++) expect((await send(eventEnvelope("same error"))).status).toBe(200);
    await waitForQueueDrained(server.queue);
    const issue = await db.issue.findFirstOrThrow();
    expect(issue.timesSeen).toBe(12);
    // 5 events per minute are normal for a project with no history; the rest were only counted.
    expect(await db.event.count()).toBe(5);
    await waitFor(async () => ((await outcomeTotals())["filtered/error/spike_protection"] === 7 ? true : undefined));
  });
});
