import { JOB_NAMES } from "@faultline/core";
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
import { processEventJob } from "../../../test/support/events";
import type { RunningWorker } from "../runtime";

let db: Database;
let queue: IngestQueue;
let worker: RunningWorker | undefined;

/**
 * Poison: a row this test's database refuses with a data error (SQLSTATE 22023), as PostgreSQL
 * refuses values it cannot store. Every such value an SDK could send is made storable or capped
 * before storage, so the refusal is installed here, in this worker's own test database.
 */
const POISON = "poison: refused by the database";

beforeAll(async () => {
  db = openDatabase();
  await db.$executeRawUnsafe(`
    CREATE OR REPLACE FUNCTION refuse_poison_event() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.message = '${POISON}' THEN
        RAISE EXCEPTION 'event message refused: "%"', NEW.message USING ERRCODE = '22023';
      END IF;
      RETURN NEW;
    END $$`);
  await db.$executeRawUnsafe(
    "CREATE OR REPLACE TRIGGER refuse_poison_event BEFORE INSERT ON event FOR EACH ROW EXECUTE FUNCTION refuse_poison_event()",
  );
});
afterAll(async () => {
  await db.$executeRawUnsafe("DROP TRIGGER IF EXISTS refuse_poison_event ON event");
  await db.$executeRawUnsafe("DROP FUNCTION IF EXISTS refuse_poison_event()");
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

const eventJob = (projectId: number, event: Record<string, unknown>) => processEventJob(projectId, event).job;

describe("a batch with poison events in it", () => {
  it("stores every good event of another project and fails only the poison, alone, after one attempt", async () => {
    const projectA = (await createTestProject(db, "Poisoned", "org-a")).projectId;
    const projectB = (await createTestProject(db, "Innocent", "org-b")).projectId;
    const jobs = [
      ...Array.from({ length: 20 }, (_, index) => eventJob(projectB, { message: `good ${index}`, level: "error" })),
      ...Array.from({ length: 4 }, () => eventJob(projectA, { message: POISON, level: "error" })),
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
      // The code and PostgreSQL's message, with the quoted value (event data) left out.
      expect(job.failedReason).toMatch(/^storing the event failed: 22023 event message refused: /);
      expect(job.failedReason).not.toContain(POISON);
    }
    const failedEventIds = failed.map((job) => (job.data as { eventId: string }).eventId).sort();
    const poisonEventIds = jobs.slice(20).map((job) => (job.data as { eventId: string }).eventId);
    expect(failedEventIds).toEqual(poisonEventIds.sort());
  });

  it("fails a lone poison job at once, without retries", async () => {
    const { projectId } = await createTestProject(db);
    await queue.enqueueEvent(eventJob(projectId, { message: POISON }).data as never);
    worker = startTestWorker(db);
    await waitForQueueDrained(queue);
    const [failed] = await queue.queue.getFailed();
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/^storing the event failed: 22023 /);
  });
});
