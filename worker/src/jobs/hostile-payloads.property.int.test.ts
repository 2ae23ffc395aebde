import type { Database } from "@faultline/db";
import type { IngestQueue } from "@faultline/runtime";
import fc from "fast-check";
import { moderateText, payloads } from "../../../core/src/testing/hostile-payloads";
import {
  createTestProject,
  openDatabase,
  openTestQueue,
  resetState,
  startTestWorker,
  waitForQueueDrained,
} from "../../../test/support/harness";
import { processEventJob } from "../../../test/support/events";
import type { RunningWorker } from "../runtime";

/**
 * Arbitrary payloads (NUL, lone surrogates, emoji on cut points, deep nesting, more items than
 * any cap) through the real queue, job runner and PostgreSQL — normalize → scrub → group →
 * store — beside ordinary events of another project in the same batch: every one of them is
 * stored, and none fails.
 */

let db: Database;
let queue: IngestQueue;
let worker: RunningWorker;
let hostileProject: number;
let goodProject: number;

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  hostileProject = (await createTestProject(db, "Hostile", "org-a")).projectId;
  goodProject = (await createTestProject(db, "Good", "org-b")).projectId;
  queue = await openTestQueue();
  worker = startTestWorker(db);
});
afterAll(async () => {
  await worker.close();
  await queue.close();
  await db.$disconnect();
});

const { payload, freeForm } = payloads(moderateText);

it("stores every arbitrary payload and every event of its batch", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.oneof(payload, freeForm), { minLength: 1, maxLength: 6 }), async (raws) => {
      const hostile = raws.map((raw) => processEventJob(hostileProject, raw));
      const good = [1, 2, 3].map((n) => processEventJob(goodProject, { message: `ordinary ${n}`, level: "error" }));
      const jobs = [...hostile, ...good];
      // One event-loop turn: all of them travel as one ingest.batch and share a storage batch.
      await Promise.all(jobs.map(({ job }) => queue.enqueue([job])));
      await waitForQueueDrained(queue, 30_000);
      const stored = await db.event.findMany({
        where: { eventId: { in: jobs.map(({ eventId }) => eventId) } },
        select: { eventId: true },
      });
      expect(stored).toHaveLength(jobs.length);
      const failed = await queue.queue.getFailed();
      expect(failed.map((job) => job.failedReason)).toEqual([]);
    }),
    { numRuns: 15 },
  );
});
