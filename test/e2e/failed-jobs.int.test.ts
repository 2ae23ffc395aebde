import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { INGEST_QUEUE } from "@faultline/core";
import type { Database } from "@faultline/db";
import { createWorkerRedis, withKnownFailure, type IngestQueue } from "@faultline/runtime";
import type { RunningWorker } from "@faultline/worker";
import { Worker } from "bullmq";
import { runCli } from "../support/cli";
import {
  createTestProject,
  openDatabase,
  openTestQueue,
  resetState,
  startTestWorker,
  testUrls,
  waitFor,
} from "../support/harness";

const ROOT = path.resolve(__dirname, "../..");
const CLI = path.join(ROOT, "server/dist/cli/main.js");

let db: Database;
let queue: IngestQueue;
let worker: RunningWorker;

beforeAll(async () => {
  db = openDatabase();
  queue = await openTestQueue();
});
afterAll(async () => {
  await queue.close();
  await db.$disconnect();
});

describe("npm run faultline -- failed-jobs", () => {
  it("lists jobs that failed for good and replays them", async () => {
    await resetState(db);
    const { projectId } = await createTestProject(db);
    // A job for a project that does not exist yet fails on its foreign key, like a transient outage would.
    await queue.queue.add(
      "event.process",
      { projectId: projectId + 1, eventId: "a".repeat(32), receivedAt: Date.now(), event: { message: "later" } },
      { attempts: 1 },
    );
    worker = startTestWorker(db);
    await waitFor(async () => ((await queue.queue.getFailedCount()) === 1 ? true : undefined), 10_000, "a failed job");
    await worker.close();

    const listed = JSON.parse(await runCli(["failed-jobs", "--json"])) as {
      failed: { name: string; projectId: number; reason: string }[];
    };
    expect(listed.failed).toHaveLength(1);
    expect(listed.failed[0]).toMatchObject({ name: "event.process", projectId: projectId + 1 });
    expect(JSON.stringify(listed)).not.toContain("later");

    await createTestProject(db, "Second");
    const replayed = JSON.parse(await runCli(["failed-jobs", "--replay", "--json"])) as { replayed: number };
    expect(replayed.replayed).toBe(1);
    worker = startTestWorker(db);
    try {
      await waitFor(async () => ((await db.event.count()) === 1 ? true : undefined), 10_000, "the replayed event");
      expect(await queue.queue.getFailedCount()).toBe(0);
    } finally {
      await worker.close();
    }
  });
});

/** A worker of the test's own whose every job fails, as during an outage; counts its runs. */
function startFailingWorker() {
  const connection = createWorkerRedis(testUrls().redisUrl);
  let runs = 0;
  const failing = new Worker(
    INGEST_QUEUE,
    async () => {
      runs++;
      throw new Error(`database unreachable ${"(still) ".repeat(20)}`);
    },
    { connection, concurrency: 50 },
  );
  return {
    runs: () => runs,
    async close() {
      await failing.close();
      await connection.quit();
    },
  };
}

const failedCount = (count: number) => async () => ((await queue.queue.getFailedCount()) === count ? true : undefined);

describe("failed-jobs --replay", () => {
  it("gives a replayed job a full set of attempts again", async () => {
    await resetState(db);
    const { projectId } = await createTestProject(db);
    const added = await queue.queue.add(
      "event.process",
      { projectId, eventId: "b".repeat(32), receivedAt: Date.now(), event: { message: "retried" } },
      { attempts: 3, backoff: { type: "fixed", delay: 10 } },
    );
    let failing = startFailingWorker();
    await waitFor(failedCount(1), 10_000, "the job to fail every attempt");
    await failing.close();
    expect((await queue.queue.getJob(added.id ?? ""))?.attemptsMade).toBe(3);

    const replayed = JSON.parse(await runCli(["failed-jobs", "--replay", "--json"])) as { replayed: number };
    expect(replayed.replayed).toBe(1);
    const waiting = await queue.queue.getJob(added.id ?? "");
    expect(await waiting?.getState()).toBe("waiting");
    expect(waiting?.attemptsMade).toBe(0);

    // Still failing: it is tried three times again before it is back in the failed list.
    failing = startFailingWorker();
    try {
      await waitFor(failedCount(1), 10_000, "the replayed job to fail every attempt");
      expect(failing.runs()).toBe(3);
      expect((await queue.queue.getJob(added.id ?? ""))?.attemptsMade).toBe(3);
    } finally {
      await failing.close();
    }
  });

  it("runs a job that failed at once inside an ingest batch for real when replayed", async () => {
    await resetState(db);
    const { projectId } = await createTestProject(db);
    const data = { projectId, eventId: "c".repeat(32), receivedAt: Date.now(), event: { message: "slow once" } };
    await queue.queue.add("event.process", withKnownFailure(data, "processing_timeout: over the budget"));
    worker = startTestWorker(db);
    try {
      await waitFor(failedCount(1), 10_000, "the known failure");
      const [failed] = await queue.queue.getFailed();
      expect(failed?.failedReason).toBe("processing_timeout: over the budget");
      expect(failed?.attemptsMade).toBe(1);
      expect(await db.event.count()).toBe(0);

      await runCli(["failed-jobs", "--replay"]);
      await waitFor(async () => ((await db.event.count()) === 1 ? true : undefined), 10_000, "the replayed event");
      expect(await queue.queue.getFailedCount()).toBe(0);
    } finally {
      await worker.close();
    }
  });
});

describe("failed-jobs --json", () => {
  it("writes the whole list to a reader slower than the process (past the 64 KiB pipe buffer)", async () => {
    await resetState(db);
    const jobs = Array.from({ length: 500 }, (_, index) => ({
      name: "event.process",
      data: { projectId: 1, eventId: index.toString(16).padStart(32, "0"), receivedAt: Date.now(), event: {} },
      opts: { attempts: 1 },
    }));
    await queue.queue.addBulk(jobs);
    const failing = startFailingWorker();
    try {
      await waitFor(failedCount(500), 30_000, "500 failed jobs");
    } finally {
      await failing.close();
    }
    // The reader only starts after a second: by then the command has written everything it will.
    const { stdout } = await promisify(execFile)(
      "sh",
      ["-c", `"${process.execPath}" "${CLI}" failed-jobs --json | (sleep 1; cat)`],
      { cwd: ROOT, env: process.env, timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
    );
    expect(stdout.length).toBeGreaterThan(64 * 1024);
    const listed = JSON.parse(stdout) as { failed: unknown[] };
    expect(listed.failed).toHaveLength(500);
  });
});
