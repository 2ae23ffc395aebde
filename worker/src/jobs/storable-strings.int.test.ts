import { JOB_NAMES, REPLACEMENT_CHARACTER, SHAPE_CAPS } from "@faultline/core";
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

/**
 * Strings PostgreSQL cannot store (NUL, lone surrogates) and truncations through an emoji, sent
 * through the real queue, job runner and database: they are stored sanitized, and the other
 * events of their batch, from this project and another, are stored with them.
 */

let db: Database;
let queue: IngestQueue;
let worker: RunningWorker | undefined;
let projectId: number;
let otherProjectId: number;

beforeAll(async () => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  projectId = (await createTestProject(db)).projectId;
  otherProjectId = (await createTestProject(db, "Other Project", "other-org")).projectId;
  queue = await openTestQueue();
});
afterEach(async () => {
  await worker?.close();
  worker = undefined;
  await queue.close();
});

const FFFD = REPLACEMENT_CHARACTER;
const EMOJI = "💥";

const eventJob = (event: Record<string, unknown>, project = projectId) => processEventJob(project, event);

const storable = (text: string) => text.isWellFormed() && !text.includes("\u0000");

describe("strings PostgreSQL cannot store", () => {
  it("are stored sanitized, and the rest of their batch is stored too", async () => {
    const poison = {
      nulMessage: eventJob({ message: "disk\u0000full", level: "error" }),
      loneSurrogates: eventJob({
        exception: { values: [{ type: "Error", value: "half \ud800 pair" }] },
        tags: { side: "left\udc00" },
        extra: { "key\u0000": "value \ud83d", nested: [{ "\udfff": "\u0000" }] },
        user: { id: "u\u0000" },
      }),
      titleCutThroughEmoji: eventJob({
        exception: { values: [{ type: "Error", value: `${"a".repeat(96)}${EMOJI}${"b".repeat(40)}` }] },
      }),
      tagCutThroughEmoji: eventJob({
        message: "tag at its cap",
        tags: { long: `${"t".repeat(196)}${EMOJI}${"u".repeat(9)}` },
      }),
      hugeMessage: eventJob({ message: `${"x".repeat(SHAPE_CAPS.messageLength - 4)}${EMOJI}${"y".repeat(200_000)}` }),
    };
    const good = [
      eventJob({ message: "plain one" }),
      eventJob({ message: "plain two 日本 ✓" }),
      eventJob({ message: "another project's" }, otherProjectId),
    ];
    const jobs = [...Object.values(poison), ...good];
    // Enqueued in one event-loop turn: they travel as one ingest.batch and share a transaction.
    await Promise.all(jobs.map(({ job }) => queue.enqueue([job])));
    expect((await queue.queue.getWaiting()).map((job) => job.name)).toEqual([JOB_NAMES.ingestBatch]);

    worker = startTestWorker(db);
    await waitForQueueDrained(queue);
    expect(await queue.queue.getFailedCount()).toBe(0);

    const rows = await db.$queryRaw<{ event_id: string; message: string; title: string; data: string }[]>`
      SELECT event_id::text, message, title, data::text AS data FROM event`;
    expect(rows.map((row) => row.event_id.replaceAll("-", "")).sort()).toEqual(
      jobs.map((job) => job.eventId.replaceAll("-", "")).sort(),
    );
    const byId = new Map(rows.map((row) => [row.event_id.replaceAll("-", ""), row]));
    const row = (job: { eventId: string }) => byId.get(job.eventId.replaceAll("-", ""));

    for (const stored of rows) {
      expect(storable(stored.message)).toBe(true);
      expect(storable(stored.title)).toBe(true);
      expect(stored.data).not.toMatch(/\\u0000|\\ud[89a-f][0-9a-f]{2}/i);
    }
    expect(row(poison.nulMessage)?.message).toBe(`disk${FFFD}full`);
    const surrogates = JSON.parse(row(poison.loneSurrogates)?.data ?? "{}") as {
      exception: { values: { value: string }[] };
      tags: [string, string][];
      extra: Record<string, unknown>;
    };
    expect(surrogates.exception.values[0]?.value).toBe(`half ${FFFD} pair`);
    expect(surrogates.tags).toContainEqual(["side", `left${FFFD}`]);
    expect(surrogates.extra).toEqual({ [`key${FFFD}`]: `value ${FFFD}`, nested: [{ [FFFD]: FFFD }] });

    // The title keeps the emoji's first half out: cut before it, never through it.
    expect(row(poison.titleCutThroughEmoji)?.title).toBe(`Error: ${"a".repeat(96)}...`);
    const hugeMessage = row(poison.hugeMessage);
    expect(hugeMessage?.message).toBe(`${"x".repeat(SHAPE_CAPS.messageLength - 4)}...`);
    expect(JSON.parse(hugeMessage?.data ?? "{}")).toMatchObject({
      errors: [{ type: "value_too_long", name: "logentry.formatted" }],
      _meta: { logentry: { formatted: { "": { len: SHAPE_CAPS.messageLength - 4 + 2 + 200_000 } } } },
    });

    const tagValues = await db.issueTagValue.findMany({ where: { key: "long" }, select: { value: true } });
    expect(tagValues).toEqual([{ value: `${"t".repeat(196)}...` }]);
    for (const { value } of await db.issueTagValue.findMany({ select: { value: true } })) {
      expect(storable(value)).toBe(true);
    }
  });
});
