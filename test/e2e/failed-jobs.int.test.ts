import type { Database } from "@faultline/db";
import type { IngestQueue } from "@faultline/runtime";
import type { RunningWorker } from "@faultline/worker";
import { runCli } from "../support/cli";
import {
  createTestProject,
  openDatabase,
  openTestQueue,
  resetState,
  startTestWorker,
  waitFor,
} from "../support/harness";

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
