import { JOB_NAMES } from "@faultline/core";
import type { RunningWorker } from "@faultline/worker";
import request from "supertest";
import { bearerFor, createTestUser, memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";
import { storeTestEvent } from "../../../../test/support/events";
import { startTestServer, startTestWorker, waitFor, waitForQueueDrained } from "../../../../test/support/harness";

const ctx = useApiServer();
let superuser: string;
let owner: string;
let worker: RunningWorker | undefined;

beforeEach(async () => {
  const admin = await createTestUser(ctx.db, "root@example.com", {}, { superuser: true });
  superuser = await bearerFor(ctx.db, admin.id);
  owner = (await memberWithToken(ctx.db, "owner@example.com", "acme", "owner")).auth;
});
afterEach(async () => {
  await worker?.close();
  worker = undefined;
});

const get = (path: string, auth: string) =>
  request(ctx.server.url).get(`/api/0/internal/system/${path}`).set("Authorization", auth);

describe("access", () => {
  it.each(["ingest/", "queues/", "failed-jobs/", "notification-failures/", "storage/"])(
    "%s is for superusers only",
    async (path) => {
      expect((await request(ctx.server.url).get(`/api/0/internal/system/${path}`)).status).toBe(401);
      const refused = await get(path, owner);
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toMatch(/superusers/);
      expect((await get(path, superuser)).status).toBe(200);
    },
  );

  it("replaying needs a token with the admin scope", async () => {
    const admin = await ctx.db.user.findUniqueOrThrow({ where: { email: "root@example.com" } });
    const readOnly = await bearerFor(ctx.db, admin.id, ["read"]);
    const res = await request(ctx.server.url)
      .post("/api/0/internal/system/failed-jobs/replay/")
      .set("Authorization", readOnly)
      .send({ queue: "ingest", all: true });
    expect(res.status).toBe(403);
  });
});

it("counts accepted and refused events per hour, by reason, from the flushed outcomes", async () => {
  const project = await ctx.db.projectKey.findFirstOrThrow({ where: { projectId: ctx.projectId } });
  await ctx.db.projectKey.update({
    where: { id: project.id },
    data: { rateLimitCount: 2, rateLimitWindowSeconds: 60 },
  });
  worker = startTestWorker(ctx.db);
  const statuses: number[] = [];
  for (const message of ["one", "two", "three", "four"])
    statuses.push(
      (
        await request(ctx.server.url)
          .post(`/api/${ctx.projectId}/store/`)
          .set("X-Sentry-Auth", `Sentry sentry_key=${project.publicKey}, sentry_version=7`)
          .send({ message })
      ).status,
    );
  expect(statuses).toEqual([200, 200, 429, 429]);
  const series = await waitFor(async () => {
    const res = await get("ingest/?period=24h", superuser);
    return res.body.totals?.refused === 2 && res.body.totals.accepted === 2 ? res.body : undefined;
  });
  expect(series.intervals).toHaveLength(24);
  expect(series.bucketSeconds).toBe(3600);
  // Counted in the current hour (or the one before, right after the hour turned).
  expect(series.accepted.slice(-2).reduce((sum: number, count: number) => sum + count, 0)).toBe(2);
  expect(series.refused).toEqual([
    { outcome: "rate_limited", reason: "key_quota", total: 2, series: expect.any(Array) },
  ]);
  expect(series.refused[0].series.slice(0, 22)).toEqual(new Array(22).fill(0));
  expect((await get("ingest/?period=1y", superuser)).body).toEqual({
    detail: expect.stringMatching(/^period: one of/),
  });
});

it("shows queue depth and the age of the oldest waiting job, then lists and replays failed jobs", async () => {
  const queue = ctx.server.queue.queue;
  await queue.add(JOB_NAMES.processEvent, {}, { timestamp: Date.now() - 90_000 });
  const [ingest] = (await get("queues/", superuser)).body;
  expect(ingest).toMatchObject({ name: "ingest", waiting: 1, failed: 0 });
  expect(ingest.oldestWaitingAgeSeconds).toBeGreaterThanOrEqual(90);

  // A payload that fails its schema fails at once, without retries.
  worker = startTestWorker(ctx.db);
  const failed = await waitFor(async () => {
    const res = await get("failed-jobs/?queue=ingest", superuser);
    return res.body.length === 1 ? res.body : undefined;
  });
  expect(failed[0]).toMatchObject({ queue: "ingest", name: JOB_NAMES.processEvent, projectId: null });
  expect(failed[0].reason).not.toBe("");
  await worker.close();
  worker = undefined;

  const replay = (body: unknown) =>
    request(ctx.server.url)
      .post("/api/0/internal/system/failed-jobs/replay/")
      .set("Authorization", superuser)
      .send(body as object);
  expect((await replay({ queue: "ingest", ids: ["no-such-job"] })).status).toBe(404);
  expect((await replay({ queue: "nope", all: true })).status).toBe(400);
  const replayed = await replay({ queue: "ingest", ids: [failed[0].id] });
  expect(replayed.status).toBe(200);
  expect(replayed.body).toEqual({ replayed: [failed[0].id], missing: [] });
  expect(await (await queue.getJob(failed[0].id))?.getState()).toBe("waiting");
  expect((await get("failed-jobs/", superuser)).body).toEqual([]);
  expect((await get("queues/", superuser)).body[0]).toMatchObject({ waiting: 1, failed: 0 });
  await queue.drain();
  await waitForQueueDrained(ctx.server.queue);
});

it("lists failed notification deliveries of every project, newest first", async () => {
  const delivery = (projectId: number, status: "failed" | "sent", target: string) => ({
    projectId,
    kind: "alert",
    channel: "webhook",
    target,
    status,
    attempts: 6,
    lastError: status === "failed" ? "HTTP 500" : null,
    payload: {},
  });
  await ctx.db.notificationDelivery.createMany({
    data: [
      delivery(ctx.projectId, "failed", "https://hooks.example.com/a"),
      delivery(ctx.rivalProjectId, "sent", "https://hooks.example.com/b"),
      delivery(ctx.rivalProjectId, "failed", "https://hooks.example.com/c"),
    ],
  });
  const res = await get("notification-failures/", superuser);
  expect(res.body.map((row: { organization: string; project: string; target: string }) => row)).toEqual([
    expect.objectContaining({ organization: "rival", project: "secret", target: "https://hooks.example.com/c" }),
    expect.objectContaining({ organization: "acme", project: "checkout", lastError: "HTTP 500", attempts: 6 }),
  ]);
  expect((await get("notification-failures/?limit=0", superuser)).status).toBe(400);
});

it("marks a failed delivery recovered once a later message to the same target went out", async () => {
  const base = { projectId: ctx.projectId, kind: "alert", channel: "webhook", payload: {} };
  const failed = await ctx.db.notificationDelivery.create({
    data: { ...base, target: "https://hooks.example.com/a", status: "failed", attempts: 6, lastError: "HTTP 502" },
  });
  await ctx.db.notificationDelivery.create({
    data: { ...base, target: "https://hooks.example.com/other", status: "sent", attempts: 1, sentAt: new Date() },
  });
  let [row] = (await get("notification-failures/", superuser)).body;
  expect(row).toMatchObject({ id: failed.id.toString(), recoveredAt: null });

  const sentAt = new Date(Date.now() + 60_000);
  await ctx.db.notificationDelivery.create({
    data: { ...base, target: "https://hooks.example.com/a", status: "sent", attempts: 2, sentAt },
  });
  [row] = (await get("notification-failures/", superuser)).body;
  expect(row).toMatchObject({ id: failed.id.toString(), recoveredAt: sentAt.toISOString() });
});

it("counts the maintenance jobs' next runs as scheduled, not delayed", async () => {
  const queue = ctx.server.queue.queue;
  // Its next run waits until midnight: a delayed job that is only the schedule.
  await queue.upsertJobScheduler("maintenance.test-schedule", { pattern: "0 0 0 * * *" }, { name: "maintenance.test" });
  await queue.add(JOB_NAMES.processEvent, {}, { delay: 3_600_000 });
  try {
    const [ingest] = (await get("queues/", superuser)).body;
    expect(ingest).toMatchObject({ name: "ingest", delayed: 1, scheduled: 1 });
  } finally {
    await queue.removeJobScheduler("maintenance.test-schedule");
    await queue.drain(true);
  }
});

it("reports the disk used by events and forecasts against the budget", async () => {
  for (let n = 0; n < 20; n += 1) await storeTestEvent(ctx.db, ctx.projectId, { group: `g${n % 3}` });
  const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  await ctx.db.outcome.create({
    data: { projectId: ctx.projectId, hour, outcome: "accepted", category: "error", reason: "", quantity: 20 },
  });
  const storage = (await get("storage/", superuser)).body;
  expect(storage.storedEvents).toBe(20);
  expect(storage.eventTables.map((table: { table: string }) => table.table)).toEqual(["event", "attachment"]);
  expect(storage.eventBytes).toBeGreaterThan(0);
  expect(storage.databaseBytes).toBeGreaterThan(storage.eventBytes);
  expect(storage.budgetBytes).toBeNull();
  // 20 events today, kept 90 days (the default): storage grows for 90 days, then levels off.
  expect(storage.forecast).toMatchObject({ status: "no_budget", budgetReachedAt: null });
  expect(storage.forecast.steadyStateBytes).toBe(Math.round(20 * 90 * (storage.eventBytes / 20)));
  expect(Date.parse(storage.forecast.steadyStateAt) - Date.now()).toBeGreaterThan(89 * 86_400_000);

  const small = await startTestServer(ctx.db, { api: { storageBudgetBytes: storage.eventBytes * 2 } });
  try {
    const res = await request(small.url).get("/api/0/internal/system/storage/").set("Authorization", superuser);
    expect(res.body.forecast.status).toBe("will_exceed");
    const days = (Date.parse(res.body.forecast.budgetReachedAt) - Date.now()) / 86_400_000;
    // Doubling at 20 events a day from 20 stored: about one day.
    expect(days).toBeGreaterThan(0.9);
    expect(days).toBeLessThan(1.1);
  } finally {
    await small.close();
  }
});
