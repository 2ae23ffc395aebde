import { generateEventId, type ProcessEventJob } from "@faultline/core";
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
let worker: RunningWorker;
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
  queue = await openTestQueue();
  worker = startTestWorker(db);
});
afterEach(async () => {
  await worker.close();
  await queue.close();
});

const frames = [{ filename: "app.min.js", function: "a", lineno: 1, colno: 3077, in_app: true }];

function job(event: Record<string, unknown>): ProcessEventJob {
  return { projectId, eventId: generateEventId(), receivedAt: Date.now(), event };
}

async function facts() {
  const project = await db.project.findUniqueOrThrow({ where: { id: projectId } });
  const platforms = await db.projectPlatform.findMany({ where: { projectId }, orderBy: { platform: "asc" } });
  return {
    firstEvent: project.firstEvent,
    hasMinifiedStackTrace: project.hasMinifiedStackTrace,
    platforms: platforms.map((row) => row.platform),
  };
}

describe("project facts kept as events are stored", () => {
  it("sets the first event's time once, records each platform, and flags a minified stack trace", async () => {
    expect(await facts()).toEqual({ firstEvent: null, hasMinifiedStackTrace: false, platforms: [] });
    const first = new Date("2026-11-30T08:00:00.000Z");
    await queue.enqueueEvent(job({ platform: "python", message: "boot", timestamp: first.getTime() / 1000 }));
    await waitForQueueDrained(queue);
    expect(await facts()).toEqual({ firstEvent: first, hasMinifiedStackTrace: false, platforms: ["python"] });

    // An older event arriving later does not move the first event (Sentry sets it once).
    const older = new Date(first.getTime() - 3_600_000);
    await queue.enqueueEvent(
      job({
        platform: "javascript",
        timestamp: older.getTime() / 1000,
        exception: { values: [{ type: "TypeError", value: "x", stacktrace: { frames } }] },
      }),
    );
    await waitForQueueDrained(queue);
    expect(await facts()).toEqual({
      firstEvent: first,
      hasMinifiedStackTrace: false,
      platforms: ["javascript", "python"],
    });

    // A stack trace that was mapped keeps its minified frames as raw_stacktrace.
    await queue.enqueueEvent(
      job({
        platform: "javascript",
        exception: {
          values: [
            {
              type: "TypeError",
              value: "y",
              stacktrace: { frames: [{ ...frames[0], filename: "src/cart.ts", lineno: 12, colno: 5 }] },
              raw_stacktrace: { frames },
            },
          ],
        },
      }),
    );
    await waitForQueueDrained(queue);
    expect(await facts()).toEqual({
      firstEvent: first,
      hasMinifiedStackTrace: true,
      platforms: ["javascript", "python"],
    });
  });
});
