import { generateEventId, JOB_NAMES } from "@faultline/core";
import { applyRetention, createEventsRepo, type Database, type StoredEventInput } from "@faultline/db";
import { startWorker } from "@faultline/worker";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { createTestProject, openDatabase, resetState, silentLog, testUrls, waitFor } from "../support/harness";

let db: Database;
let projectId: number;

beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  projectId = (await createTestProject(db)).projectId;
});

const DAY = 86_400_000;

function stored(daysAgo: number, hash = "a".repeat(32)): StoredEventInput {
  const timestamp = new Date(Date.now() - daysAgo * DAY);
  return {
    projectId,
    eventId: generateEventId(),
    hashes: [hash],
    groupingVersion: "test",
    title: "Error: old",
    culprit: "",
    level: "error",
    type: "error",
    metadata: {},
    timestamp,
    receivedAt: timestamp,
    platform: "node",
    release: null,
    environment: null,
    message: "",
    tags: [["level", "error"]],
    userKey: null,
    data: { message: "x" },
  };
}

const settings = { retentionDays: 90, maxEventsPerIssue: 0, batchSize: 2 };

it("deletes events past retention in small batches and keeps the issue's counts", async () => {
  await createEventsRepo(db).storeEvents([stored(120), stored(100), stored(95), stored(10), stored(0)]);
  const result = await applyRetention(db, settings);
  expect(result.expiredEvents).toBe(3);
  expect(await db.event.count()).toBe(2);
  const [issue] = await db.issue.findMany();
  expect(issue?.timesSeen).toBe(5);
  const hourly = await db.issueHourlyCount.aggregate({ _sum: { count: true } });
  expect(hourly._sum.count).toBe(5);
});

it("honours a project's own retention", async () => {
  await db.project.update({ where: { id: projectId }, data: { eventRetentionDays: 7 } });
  await createEventsRepo(db).storeEvents([stored(10), stored(3)]);
  await applyRetention(db, settings);
  expect(await db.event.count()).toBe(1);
});

it("caps stored events per issue, keeping the first, the latest and a spread between", async () => {
  await db.project.update({ where: { id: projectId }, data: { maxEventsPerIssue: 4 } });
  const inputs = Array.from({ length: 10 }, (_, i) => stored(10 - i));
  await createEventsRepo(db).storeEvents(inputs);
  await applyRetention(db, { ...settings, batchSize: 100 });
  const kept = await db.event.findMany({ orderBy: { timestamp: "asc" }, select: { timestamp: true } });
  expect(kept.length).toBeLessThanOrEqual(4);
  expect(kept.length).toBeGreaterThanOrEqual(3);
  expect(kept[0]?.timestamp.getTime()).toBe(inputs[0]?.timestamp.getTime());
  expect(kept.at(-1)?.timestamp.getTime()).toBe(inputs[9]?.timestamp.getTime());
  expect((await db.issue.findFirst())?.timesSeen).toBe(10);
});

it("runs once per schedule however many workers there are", async () => {
  const retention = { ...settings, intervalMs: 60 * 60_000 };
  const workers = [0, 1].map(() =>
    startWorker({ db, redisUrl: testUrls().redisUrl, log: silentLog, concurrency: 2, retention }),
  );
  const connection = new Redis(testUrls().redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue("ingest", { connection });
  try {
    await waitFor(async () => (await queue.getJobSchedulers()).length >= 2 || undefined, 10_000, "the schedulers");
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.filter((s) => s.key === JOB_NAMES.retention || s.name === JOB_NAMES.retention)).toHaveLength(1);
    await waitFor(
      async () => (await queue.getCompleted()).some((job) => job.name === JOB_NAMES.retention) || undefined,
      10_000,
      "a retention run",
    );
    // Give a second worker every chance to run it too.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const runs = (await queue.getJobs(["completed", "active", "failed"])).filter(
      (job) => job.name === JOB_NAMES.retention,
    );
    expect(runs).toHaveLength(1);
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await queue.close();
    connection.disconnect();
  }
});
