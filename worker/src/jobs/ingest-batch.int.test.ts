import { JOB_NAMES, generateEventId, type QueuedJob } from "@faultline/core";
import type { Database } from "@faultline/db";
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
let worker: RunningWorker | undefined;
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
});
afterEach(async () => {
  await worker?.close();
  worker = undefined;
  await queue.close();
});

const eventJob = (message: string, eventId = generateEventId()): QueuedJob => ({
  name: JOB_NAMES.processEvent,
  data: { projectId, eventId, receivedAt: Date.now(), event: { message, level: "error" } },
});

describe("ingest batches", () => {
  it("puts the jobs of one event-loop turn into Redis as one batch job", async () => {
    await Promise.all([
      queue.enqueue([eventJob("first")]),
      queue.enqueue([eventJob("second")]),
      queue.enqueue([eventJob("third")]),
    ]);
    const waiting = await queue.queue.getWaiting();
    expect(waiting.map((job) => job.name)).toEqual([JOB_NAMES.ingestBatch]);
    expect((waiting[0]?.data as { jobs: QueuedJob[] }).jobs).toHaveLength(3);
  });

  it("stores every event a batch carries, and a lone job stays a job of its own", async () => {
    await Promise.all(["a", "b", "c", "d"].map((message) => queue.enqueue([eventJob(message)])));
    await queue.enqueue([eventJob("alone")]);
    const names = (await queue.queue.getWaiting()).map((job) => job.name).sort();
    expect(names).toEqual([JOB_NAMES.processEvent, JOB_NAMES.ingestBatch].sort());
    worker = startTestWorker(db);
    await waitForQueueDrained(queue);
    const events = await db.event.findMany({ select: { message: true } });
    expect(events.map((event) => event.message).sort()).toEqual(["a", "alone", "b", "c", "d"]);
    expect(await queue.queue.getFailedCount()).toBe(0);
  });

  it("queues a failing job again on its own; the rest of its batch is stored once", async () => {
    const broken = { name: JOB_NAMES.processEvent, data: { projectId, eventId: "not-an-id" } } as unknown as QueuedJob;
    const repeated = eventJob("stored once");
    await Promise.all([
      queue.enqueue([eventJob("fine")]),
      queue.enqueue([broken]),
      queue.enqueue([repeated]),
      queue.enqueue([repeated]),
    ]);
    worker = startTestWorker(db);
    await waitForQueueDrained(queue);
    const events = await db.event.findMany({ select: { message: true } });
    expect(events.map((event) => event.message).sort()).toEqual(["fine", "stored once"]);
    const failed = await queue.queue.getFailed();
    // The failure is listed as the job that failed, with its own reason, for failed-jobs --replay.
    expect(failed.map((job) => [job.name, job.failedReason])).toEqual([
      [JOB_NAMES.processEvent, expect.stringMatching(/invalid event.process payload/)],
    ]);
    // The batch itself completed, and was removed with its payloads at once.
    const completed = await queue.queue.getCompleted();
    expect(completed.filter((job) => job.name === JOB_NAMES.ingestBatch)).toHaveLength(0);
  });

  it("fails a batch that carries a batch, without running either", async () => {
    const inner = { name: JOB_NAMES.ingestBatch, data: { jobs: [eventJob("nested")] } };
    await queue.queue.add(JOB_NAMES.ingestBatch, { jobs: [inner, eventJob("outer")] });
    worker = startTestWorker(db);
    await waitForQueueDrained(queue);
    expect(await db.event.count()).toBe(0);
    const [failed] = await queue.queue.getFailed();
    expect(failed?.failedReason).toMatch(/invalid ingest.batch payload/);
    expect(failed?.attemptsMade).toBe(1);
  });
});
