import { randomBytes } from "node:crypto";
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

beforeAll(async () => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  queue = await openTestQueue();
});
afterEach(async () => {
  await worker?.close();
  worker = undefined;
  await queue.close();
});

const eventJob = (projectId: number, event: Record<string, unknown>): QueuedJob => ({
  name: JOB_NAMES.processEvent,
  data: { projectId, eventId: generateEventId(), receivedAt: Date.now(), event },
});

/**
 * A user id PostgreSQL cannot index: the issue's user row (and the user tag) would need an index
 * entry over btree's 2,704-byte limit, so the insert fails with 54000 "index row size exceeds".
 * Random bytes, so compression cannot bring it under the limit.
 */
const unindexableUserId = () => randomBytes(4000).toString("base64url");

describe("a batch with poison events in it", () => {
  it("stores every good event of another project and fails only the poison, alone, after one attempt", async () => {
    const projectA = (await createTestProject(db, "Poisoned", "org-a")).projectId;
    const projectB = (await createTestProject(db, "Innocent", "org-b")).projectId;
    const poisonIds = Array.from({ length: 4 }, unindexableUserId);
    const jobs = [
      ...Array.from({ length: 20 }, (_, index) => eventJob(projectB, { message: `good ${index}`, level: "error" })),
      ...poisonIds.map((id) => eventJob(projectA, { message: "poison", level: "error", user: { id } })),
    ];
    // One event-loop turn: all 24 travel as one ingest.batch job and meet in one storage batch.
    await Promise.all(jobs.map((job) => queue.enqueue([job])));
    expect((await queue.queue.getWaiting()).map((job) => job.name)).toEqual([JOB_NAMES.ingestBatch]);

    worker = startTestWorker(db);
    await waitForQueueDrained(queue);

    expect(await db.event.count({ where: { projectId: projectB } })).toBe(20);
    expect(await db.event.count({ where: { projectId: projectA } })).toBe(0);
    const issueB = await db.issue.findFirstOrThrow({ where: { projectId: projectB } });
    expect(issueB.timesSeen).toBe(20);

    const failed = await queue.queue.getFailed();
    expect(failed).toHaveLength(4);
    for (const job of failed) {
      expect(job.name).toBe(JOB_NAMES.processEvent);
      expect((job.data as { projectId: number }).projectId).toBe(projectA);
      expect(job.attemptsMade).toBe(1);
      expect(job.failedReason).toMatch(
        /^storing the event failed: 54000 index row size \d+ exceeds btree version \d+ maximum \d+ for index "\w+"$/,
      );
      for (const id of poisonIds) expect(job.failedReason).not.toContain(id.slice(0, 40));
    }
    const failedEventIds = failed.map((job) => (job.data as { eventId: string }).eventId).sort();
    const poisonEventIds = jobs.slice(20).map((job) => (job.data as { eventId: string }).eventId);
    expect(failedEventIds).toEqual(poisonEventIds.sort());
  });

  it("fails a lone poison job at once, without retries", async () => {
    const { projectId } = await createTestProject(db);
    await queue.enqueueEvent(
      eventJob(projectId, { message: "poison", user: { id: unindexableUserId() } }).data as never,
    );
    worker = startTestWorker(db);
    await waitForQueueDrained(queue);
    const [failed] = await queue.queue.getFailed();
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/^storing the event failed: 54000 /);
  });
});
