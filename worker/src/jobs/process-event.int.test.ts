import { generateEventId, type ProcessEventJob } from "@faultline/core";
import { createEventsRepo, type Database } from "@faultline/db";
import type { IngestQueue } from "@faultline/runtime";
import {
  createTestProject,
  openDatabase,
  openTestQueue,
  resetState,
  startTestWorker,
  waitForQueueDrained,
} from "../../../test/support/harness";
import type { RunningWorker } from "../runtime";

let db: Database;
let queue: IngestQueue;
let worker: RunningWorker;
let projectId: number;

beforeAll(async () => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  projectId = (await createTestProject(db)).projectId;
  queue = await openTestQueue();
  worker = startTestWorker(db);
});
afterEach(async () => {
  await worker.close();
  await queue.close();
});

function errorEvent(type: string, value: string, functionName: string, line: string) {
  return {
    platform: "node",
    exception: {
      values: [
        {
          type,
          value,
          stacktrace: {
            frames: [
              {
                filename: "/srv/app/node_modules/express/lib/router.js",
                function: "handle",
                in_app: false,
                lineno: 10,
              },
              {
                filename: "/srv/app/src/checkout.js",
                function: functionName,
                context_line: line,
                in_app: true,
                lineno: 42,
              },
            ],
          },
        },
      ],
    },
  };
}

function job(event: Record<string, unknown>, eventId = generateEventId()): ProcessEventJob {
  return { projectId, eventId, receivedAt: Date.now(), event };
}

async function issues() {
  return db.issue.findMany({
    orderBy: { id: "asc" },
    select: { title: true, timesSeen: true, culprit: true, level: true },
  });
}

describe("event.process", () => {
  it("groups the same error from the same line into one issue and counts it", async () => {
    await queue.enqueueEvent(job(errorEvent("TypeError", "cart 17 is empty", "pay", "throw new TypeError(msg)")));
    await queue.enqueueEvent(job(errorEvent("TypeError", "cart 99 is gone", "pay", "throw new TypeError(msg)")));
    await waitForQueueDrained(queue);
    const stored = await issues();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ timesSeen: 2, level: "error" });
    expect(stored[0]?.title).toMatch(/^TypeError: cart (17 is empty|99 is gone)$/);
    expect(await db.event.count()).toBe(2);
  });

  it("puts a different error into another issue", async () => {
    await queue.enqueueEvent(job(errorEvent("TypeError", "x", "pay", "throw new TypeError(msg)")));
    await queue.enqueueEvent(job(errorEvent("RangeError", "y", "refund", "throw new RangeError(msg)")));
    await waitForQueueDrained(queue);
    expect((await issues()).map((issue) => issue.timesSeen)).toEqual([1, 1]);
  });

  it("stores and counts the same event id once", async () => {
    const eventId = generateEventId();
    const event = errorEvent("TypeError", "x", "pay", "throw");
    await queue.enqueueEvent(job(event, eventId));
    await queue.enqueueEvent(job(event, eventId));
    await waitForQueueDrained(queue);
    expect(await db.event.count()).toBe(1);
    expect((await issues())[0]?.timesSeen).toBe(1);
  });

  it("scrubs before storing: no secret reaches the events table", async () => {
    await queue.enqueueEvent(
      job({ message: "login failed", extra: { password: "hunter2", card: "4111 1111 1111 1111" } }),
    );
    await waitForQueueDrained(queue);
    const [row] = await db.$queryRaw<{ text: string }[]>`SELECT data::text AS text FROM event`;
    expect(row?.text).toContain("[Filtered]");
    expect(row?.text).not.toContain("hunter2");
    expect(row?.text).not.toContain("4111");
  });

  it("fails a job whose payload does not match its schema without retrying it", async () => {
    await queue.queue.add("event.process", { projectId, eventId: "not-an-id", receivedAt: 0, event: {} });
    await waitForQueueDrained(queue);
    const failed = await queue.queue.getFailed();
    expect(failed).toHaveLength(1);
    expect(failed[0]?.attemptsMade).toBe(1);
    expect(failed[0]?.failedReason).toMatch(/invalid event.process payload/);
  });
});

describe("issue state and counters", () => {
  const checkoutError = (extra: Record<string, unknown> = {}) => ({
    ...errorEvent("TypeError", "cart is empty", "pay", "throw new TypeError(msg)"),
    ...extra,
  });

  async function onlyIssue() {
    const [issue] = await db.issue.findMany();
    if (!issue) throw new Error("no issue stored");
    return issue;
  }

  it("reopens a resolved issue as a regression when it happens again", async () => {
    await queue.enqueueEvent(job(checkoutError()));
    await waitForQueueDrained(queue);
    await db.issue.updateMany({ data: { status: "resolved" } });
    await queue.enqueueEvent(job(checkoutError()));
    await waitForQueueDrained(queue);
    expect(await onlyIssue()).toMatchObject({ status: "unresolved", regressionCount: 1, timesSeen: 2 });
  });

  it("keeps an issue resolved in the next release closed for the old release, reopens for a newer one", async () => {
    await queue.enqueueEvent(job(checkoutError({ release: "shop@1.0" })));
    await waitForQueueDrained(queue);
    await db.issue.updateMany({
      data: { status: "resolved", resolvedInRelease: "shop@1.0", statusDetails: { inNextRelease: true } },
    });
    await queue.enqueueEvent(job(checkoutError({ release: "shop@1.0" })));
    await waitForQueueDrained(queue);
    expect(await onlyIssue()).toMatchObject({ status: "resolved", timesSeen: 2, regressionCount: 0 });
    await queue.enqueueEvent(job(checkoutError({ release: "shop@1.1" })));
    await waitForQueueDrained(queue);
    expect(await onlyIssue()).toMatchObject({
      status: "unresolved",
      regressionCount: 1,
      resolvedInRelease: null,
      firstRelease: "shop@1.0",
      lastRelease: "shop@1.1",
    });
  });

  it("unignores an issue after the number of events it was ignored for", async () => {
    await queue.enqueueEvent(job(checkoutError()));
    await waitForQueueDrained(queue);
    await db.issue.updateMany({ data: { status: "ignored", ignoreUntilCount: 3 } });
    await queue.enqueueEvent(job(checkoutError()));
    await waitForQueueDrained(queue);
    expect((await onlyIssue()).status).toBe("ignored");
    await queue.enqueueEvent(job(checkoutError()));
    await waitForQueueDrained(queue);
    expect(await onlyIssue()).toMatchObject({ status: "unresolved", ignoreUntilCount: null });
  });

  it("maintains users, tag values, hourly counts, releases and environments as events arrive", async () => {
    const users = [{ id: "u-1" }, { id: "u-2" }, { id: "u-1" }, { email: "x@example.com" }];
    for (const user of users) {
      await queue.enqueueEvent(
        job(checkoutError({ user, release: "shop@2.0", environment: "production", tags: { browser: "Chrome" } })),
      );
    }
    await waitForQueueDrained(queue);
    const issue = await onlyIssue();
    expect(issue).toMatchObject({ timesSeen: 4, userCount: 3 });
    const browser = await db.issueTagValue.findMany({ where: { issueId: issue.id, key: "browser" } });
    expect(browser.map((row) => [row.value, row.timesSeen])).toEqual([["Chrome", 4]]);
    const hourly = await db.issueHourlyCount.aggregate({ where: { issueId: issue.id }, _sum: { count: true } });
    expect(hourly._sum.count).toBe(4);
    const projectHourly = await db.projectHourlyCount.aggregate({ where: { projectId }, _sum: { count: true } });
    expect(projectHourly._sum.count).toBe(4);
    expect(await db.projectRelease.findMany({ select: { version: true, eventCount: true } })).toEqual([
      { version: "shop@2.0", eventCount: 4 },
    ]);
    expect((await db.projectEnvironment.findMany()).map((row) => row.name)).toEqual(["production"]);
  });

  it("applies the project's scrubbing settings and fingerprint rules", async () => {
    await db.project.update({
      where: { id: projectId },
      data: { sensitiveFields: ["order_ref"], fingerprintingRules: "error.type:TypeError -> all-type-errors" },
    });
    await queue.enqueueEvent(job({ ...errorEvent("TypeError", "a", "pay", "x()"), extra: { order_ref: "A-123" } }));
    await queue.enqueueEvent(job(errorEvent("TypeError", "b", "refund", "y()")));
    await waitForQueueDrained(queue);
    expect((await issues()).map((issue) => issue.timesSeen)).toEqual([2]);
    const [row] = await db.$queryRaw<
      { text: string }[]
    >`SELECT data::text AS text FROM event WHERE data->'extra' IS NOT NULL`;
    expect(row?.text).not.toContain("A-123");
  });
});

describe("two worker processes on one queue", () => {
  it("store and count every event exactly once, duplicates included", async () => {
    const second = startTestWorker(db, 32);
    try {
      const ids = Array.from({ length: 240 }, () => generateEventId());
      const jobs = ids.map((eventId, index) =>
        job(errorEvent(`Error${index % 12}`, `failure ${index}`, `fn${index % 12}`, `throw e${index % 12}`), eventId),
      );
      // Every tenth event is sent twice, as an SDK retry would.
      const retries = jobs.filter((_, index) => index % 10 === 0);
      await Promise.all([...jobs, ...retries].map((j) => queue.enqueueEvent(j)));
      await waitForQueueDrained(queue, 60_000);
      expect(await db.event.count()).toBe(240);
      const stored = await issues();
      expect(stored).toHaveLength(12);
      expect(stored.reduce((sum, issue) => sum + issue.timesSeen, 0)).toBe(240);
      expect(stored.every((issue) => issue.timesSeen === 20)).toBe(true);
    } finally {
      await second.close();
    }
  });
});

describe("storeEvent under concurrency", () => {
  it("creates one issue when two workers race on a brand-new group", async () => {
    const second = openDatabase();
    try {
      const repos = [createEventsRepo(db), createEventsRepo(second)];
      for (let round = 0; round < 15; round++) {
        const hash = `${round}`.padStart(32, "a");
        const input = (eventId: string) => ({
          projectId,
          eventId,
          hashes: [hash],
          groupingVersion: "test",
          title: `race ${round}`,
          culprit: "",
          level: "error",
          type: "error",
          metadata: {},
          timestamp: new Date(),
          receivedAt: new Date(),
          platform: "node",
          release: null,
          environment: null,
          message: "",
          tags: [] as [string, string][],
          userKey: null,
          data: {},
        });
        await Promise.all(repos.map((repo) => repo.storeEvent(input(generateEventId()))));
      }
      const counts = await db.issue.findMany({ select: { timesSeen: true } });
      expect(counts).toHaveLength(15);
      expect(counts.every((issue) => issue.timesSeen === 2)).toBe(true);
    } finally {
      await second.$disconnect();
    }
  });
});
