import { generateEventId, type NormalizedEvent, type ProcessEventJob } from "@faultline/core";
import { createEventsRepo, type Database } from "@faultline/db";
import { UnrecoverableError } from "bullmq";
import { createTestProject, openDatabase, resetState, silentLog } from "../../../test/support/harness";
import { createProcessEventHandler } from "./process-event";
import { createProjectSettingsCache } from "./project-settings";

let db: Database;
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
});

const job = (message: string): ProcessEventJob => ({
  projectId,
  eventId: generateEventId(),
  receivedAt: Date.now(),
  event: { message, level: "error" },
});

describe("the per-event processing budget", () => {
  it("fails the events over it alone, as processing_timeout, and stores the others", async () => {
    // A clock the test moves: "stalls" spends a minute in a synchronous step, "hangs" never
    // finishes its symbolication, the others take no time at all.
    let skewMs = 0;
    const symbolicate = (_projectId: number, event: NormalizedEvent): Promise<NormalizedEvent> => {
      if (event.message === "hangs") return new Promise<NormalizedEvent>(() => undefined);
      if (event.message === "stalls") skewMs += 60_000;
      return Promise.resolve(event);
    };
    const handle = createProcessEventHandler({
      events: createEventsRepo(db),
      settings: createProjectSettingsCache(db),
      log: silentLog,
      batch: { maxSize: 10, maxWaitMs: 5 },
      symbolicate,
      processingBudgetMs: 1000,
      now: () => Date.now() + skewMs,
    });
    // The settings lookup is outside the budget; warm it so the clock only moves for "stalls".
    await handle(job("warm-up"));
    skewMs = 0;

    const messages = ["first", "hangs", "second", "third"];
    const settled = await Promise.allSettled(messages.map((message) => handle(job(message))));
    const hangs = settled[1];
    expect(hangs?.status).toBe("rejected");
    const reason = (hangs as PromiseRejectedResult).reason as Error;
    expect(reason).toBeInstanceOf(UnrecoverableError);
    expect(reason.message).toMatch(/^processing_timeout: over the 1000 ms processing budget \(symbolicate\)$/);
    expect(settled.filter((result) => result.status === "fulfilled")).toHaveLength(3);

    const stalls = await handle(job("stalls")).catch((error: unknown) => error as Error);
    expect(stalls).toBeInstanceOf(UnrecoverableError);
    expect((stalls as Error).message).toMatch(/^processing_timeout: .*\(symbolicate\)$/);

    const stored = await db.event.findMany({ select: { message: true } });
    expect(stored.map((event) => event.message).sort()).toEqual(["first", "second", "third", "warm-up"]);
  });
});
