import { Writable } from "node:stream";
import { JOB_NAMES, generateEventId, type ProcessEventJob, type QueuedJob } from "@faultline/core";
import type { Database } from "@faultline/db";
import { createLogger, type IngestQueue } from "@faultline/runtime";
import { Redis } from "ioredis";
import {
  createTestProject,
  openDatabase,
  openTestQueue,
  resetState,
  startTestWorker,
  testUrls,
  waitFor,
  waitForQueueDrained,
} from "../../../test/support/harness";
import type { RunningWorker } from "../runtime";

/**
 * After an event is processed, nothing unscrubbed is left anywhere: not in a value derived from
 * a scrubbed field (culprit, title, tags), not in Redis (the job's payload), not in the log
 * (a database error quoting the event's values).
 */
let db: Database;
let queue: IngestQueue;
let worker: RunningWorker;
let projectId: number;
let logLines: string[];

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
  logLines = [];
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  worker = startTestWorker(db, 2, { log: createLogger("debug", "worker", capture) });
});
afterEach(async () => {
  await worker.close();
  await queue.close();
});

function job(event: Record<string, unknown>): ProcessEventJob {
  return { projectId, eventId: generateEventId(), receivedAt: Date.now(), event };
}

function queued(event: Record<string, unknown>): QueuedJob {
  return { name: JOB_NAMES.processEvent, data: job(event) };
}

/** Every row of every table of the test database, as text. */
async function everyRowAsText(): Promise<string> {
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT quote_ident(table_name) AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
  const dumps = await Promise.all(
    tables.map(async ({ name }) => {
      const rows = await db.$queryRawUnsafe<{ row: string }[]>(`SELECT t::text AS row FROM ${name} t`);
      return rows.map((row) => `${name}: ${row.row}`).join("\n");
    }),
  );
  return dumps.join("\n");
}

/** Every key of this test's Redis database with its value(s), as text. */
async function everyRedisValue(): Promise<string> {
  const redis = new Redis(testUrls().redisUrl);
  try {
    const out: string[] = [];
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "COUNT", 500);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        const value =
          type === "string"
            ? await redis.get(key)
            : type === "hash"
              ? await redis.hgetall(key)
              : type === "list"
                ? await redis.lrange(key, 0, -1)
                : type === "set"
                  ? await redis.smembers(key)
                  : type === "zset"
                    ? await redis.zrange(key, 0, -1)
                    : type === "stream"
                      ? await redis.xrange(key, "-", "+")
                      : null;
        out.push(`${key} (${type}): ${JSON.stringify(value)}`);
      }
    } while (cursor !== "0");
    return out.join("\n");
  } finally {
    redis.disconnect();
  }
}

/** A node SDK's message event for a request whose URL repeats its query string (both fields set). */
function checkoutRequestEvent() {
  return {
    platform: "node",
    level: "error",
    message: "Checkout failed",
    sdk: { name: "sentry.javascript.node", version: "11.12.0" },
    request: {
      method: "POST",
      url: "https://shop.example/checkout?token=QS-TOKEN-1&session_id=SESS-QS",
      query_string: "token=QS-TOKEN-1&session_id=SESS-QS",
      headers: { Authorization: "Bearer AUTH-HEADER-7", "User-Agent": "Mozilla/5.0" },
      data: { password: "PW-BODY-3", card: "4242" },
    },
  };
}

test("the culprit and tags are derived from the scrubbed URL: its secrets are stored nowhere", async () => {
  await queue.enqueueEvent(job(checkoutRequestEvent()));
  // A secret the URL's scrubbing removes (an assignment in a path parameter) but the culprit's
  // lighter rules for headline text would keep, were it derived before scrubbing.
  await queue.enqueueEvent(
    job({
      platform: "node",
      message: "Login failed",
      request: { method: "GET", url: "https://shop.example/login;password=PW-MATRIX-2" },
    }),
  );
  await waitForQueueDrained(queue);
  const issues = await db.issue.findMany({ select: { culprit: true, title: true }, orderBy: { id: "asc" } });
  expect(issues).toEqual([
    { title: "Checkout failed", culprit: "https://shop.example/checkout" },
    { title: "Login failed", culprit: "[Filtered]" },
  ]);
  const rows = await everyRowAsText();
  expect(rows).toContain("shop.example/checkout");
  for (const secret of ["QS-TOKEN-1", "AUTH-HEADER-7", "PW-BODY-3", "PW-MATRIX-2"]) expect(rows).not.toContain(secret);
  // session_id is no sensitive key (its pair stays in the query string), but nothing derived keeps the query.
  expect(await db.issueTagValue.findMany({ where: { value: { contains: "SESS-QS" } } })).toEqual([]);
});

test("a processed job leaves no payload in Redis", async () => {
  // Two in one ingest batch job, one alone: both kinds of job carry payloads.
  await queue.enqueue([queued(checkoutRequestEvent()), queued(checkoutRequestEvent())]);
  await queue.enqueueEvent(job(checkoutRequestEvent()));
  await waitForQueueDrained(queue);
  expect(await db.event.count()).toBe(3);
  // Only the maintenance jobs (no payload) may be kept once completed.
  const completed = await queue.queue.getCompleted();
  expect(completed.map((kept) => kept.name).filter((name) => !name.startsWith("maintenance."))).toEqual([]);
  const everything = await everyRedisValue();
  for (const secret of ["QS-TOKEN-1", "AUTH-HEADER-7", "PW-BODY-3", "shop.example"]) {
    expect(everything).not.toContain(secret);
  }
});

test("a failed job is kept for a bounded time", async () => {
  const added = await queue.queue.add("event.process", { not: "an event" });
  expect(added.opts.removeOnComplete).toBe(true);
  expect(added.opts.removeOnFail).toEqual({ age: 72 * 3600 });
});

test("a refused row's values stay out of the worker's log and the failure reason", async () => {
  // PostgreSQL's detail for a refused row quotes the row ("Failing row contains (... PW-LOG-5 ...)").
  await db.$executeRawUnsafe(
    `ALTER TABLE issue ADD CONSTRAINT issue_title_no_marker CHECK (title NOT LIKE '%PW-LOG-5%') NOT VALID`,
  );
  await queue.enqueueEvent(job({ platform: "node", level: "error", message: "Login failed for PW-LOG-5" }));
  await queue.enqueue([queued({ platform: "node", message: "Retry for PW-LOG-5" }), queued({ message: "fine" })]);
  await waitFor(
    async () => ((await queue.queue.getJobCounts("failed")).failed ?? 0) >= 2,
    15_000,
    "the refused events to fail",
  );
  await waitForQueueDrained(queue);
  const log = logLines.join("");
  expect(log).toContain("job failed");
  // The failures were logged (with their SQLSTATE and constraint), just not the values.
  expect(log).toContain("issue_title_no_marker");
  expect(log).not.toContain("PW-LOG-5");
  for (const failure of await queue.queue.getFailed()) {
    expect(failure.failedReason).toContain("23514");
    expect(failure.failedReason).not.toContain("PW-LOG-5");
    expect((failure.stacktrace ?? []).join("\n")).not.toContain("PW-LOG-5");
  }
});

test("a database error of any kind leaves the values in its detail out of the log", async () => {
  // Not a data error (SQLSTATE P0001, retried like any other failure), with the row in its detail.
  await db.$executeRawUnsafe(`
    CREATE FUNCTION refuse_marked_issue() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF NEW.title LIKE '%PW-TRIGGER-6%' THEN RAISE EXCEPTION 'issue refused' USING DETAIL = NEW.title; END IF;
      RETURN NEW;
    END
    $fn$`);
  await db.$executeRawUnsafe(
    `CREATE TRIGGER refuse_marked_issue BEFORE INSERT ON issue FOR EACH ROW EXECUTE FUNCTION refuse_marked_issue()`,
  );
  await queue.enqueueEvent(job({ platform: "node", level: "error", message: "Reset for PW-TRIGGER-6" }));
  await waitFor(async () => logLines.join("").includes("issue refused"), 15_000, "the failure to be logged");
  const log = logLines.join("");
  expect(log).toContain("P0001");
  expect(log).not.toContain("PW-TRIGGER-6");
});
