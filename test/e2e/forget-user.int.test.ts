import { generateEventId } from "@faultline/core";
import type { Database } from "@faultline/db";
import { createIngestQueue, createProducerRedis, waitForRedis, type IngestQueue } from "@faultline/runtime";
import type { RunningWorker } from "@faultline/worker";
import type { Redis } from "ioredis";
import { runCli } from "../support/cli";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestWorker,
  testUrls,
  waitForQueueDrained,
} from "../support/harness";

let db: Database;
let redis: Redis;
let queue: IngestQueue;
let worker: RunningWorker;

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  redis = createProducerRedis(testUrls().redisUrl);
  await waitForRedis(redis, 5000);
  queue = createIngestQueue(redis);
  worker = startTestWorker(db);
});
afterAll(async () => {
  await worker.close();
  await queue.close();
  redis.disconnect();
  await db.$disconnect();
});

function event(type: string, user: Record<string, string>, tags: Record<string, string>) {
  return {
    platform: "python",
    user,
    tags,
    exception: {
      values: [
        { type, value: "boom", stacktrace: { frames: [{ module: "shop.views", function: type, in_app: true }] } },
      ],
    },
  };
}

it("forget-user deletes one user's events and recounts the issues they touched", async () => {
  const project = await createTestProject(db, "Shop");
  const send = (e: Record<string, unknown>) =>
    queue.enqueueEvent({ projectId: project.projectId, eventId: generateEventId(), receivedAt: Date.now(), event: e });
  await send(event("KeyError", { id: "alice", email: "alice@example.com" }, { plan: "pro" }));
  await send(event("KeyError", { id: "alice", email: "alice@example.com" }, { plan: "pro" }));
  await send(event("KeyError", { id: "bob" }, { plan: "free" }));
  await send(event("ValueError", { email: "alice@example.com" }, { plan: "pro" }));
  await waitForQueueDrained(queue);
  expect(await db.issue.count()).toBe(2);

  const out = await runCli([
    "forget-user",
    "--project",
    `${project.organizationSlug}/${project.projectSlug}`,
    "--user",
    "alice@example.com",
    "--json",
  ]);
  expect(JSON.parse(out)).toEqual({ deletedEvents: 3, recountedIssues: 1, deletedIssues: 1 });

  const [keyError] = await db.issue.findMany();
  expect(keyError).toMatchObject({ title: "KeyError: boom", timesSeen: 1, userCount: 1 });
  const plans = await db.issueTagValue.findMany({ where: { key: "plan" }, select: { value: true, timesSeen: true } });
  expect(plans).toEqual([{ value: "free", timesSeen: 1 }]);
  const rows = await db.$queryRaw<{ text: string }[]>`SELECT data::text AS text FROM event`;
  expect(rows.map((row) => row.text).join()).not.toContain("alice");
  const hourly = await db.projectHourlyCount.aggregate({ _sum: { count: true } });
  expect(hourly._sum.count).toBe(1);
});
