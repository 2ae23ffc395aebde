/**
 * Isolation under hostile input, through `npm start` (server and its supervised worker), real
 * Redis and real PostgreSQL: project A sends every kind of poison found so far (quadratic-regex
 * bait, a backtracking fingerprint glob, strings PostgreSQL cannot store, megabyte strings,
 * oversized shapes, decompression bombs) while project B sends ordinary events. Every event of
 * B answered 200 must be stored and counted once, A's poison is stored sanitized or fails alone
 * with its reason, no job loses its lock, and `/_health/` keeps answering throughout.
 */
import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import { INGEST_QUEUE, jobsCarriedBy } from "@faultline/core";
import type { Database } from "@faultline/db";
import { Queue } from "bullmq";
import { childPorts, startChild, type ChildService } from "../support/child-processes";
import { createTestProject, openDatabase, resetState, testUrls, waitFor } from "../support/harness";

jest.setTimeout(180_000);

let db: Database;
let queue: Queue;
let faultline: ChildService | undefined;

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  queue = new Queue(INGEST_QUEUE, { connection: { url: testUrls().redisUrl } });
});

afterAll(async () => {
  await faultline?.stop();
  await queue.close();
  await db.$disconnect();
});

const GOOD_EVENTS = 60;

interface Sent {
  eventId: string;
  status: number;
  body: string;
}

function authHeader(publicKey: string): string {
  return `Sentry sentry_version=7, sentry_client=hostile-test/1.0, sentry_key=${publicKey}`;
}

async function store(base: string, projectId: number, publicKey: string, body: string): Promise<Sent> {
  const eventId = /"event_id":"([0-9a-f]{32})"/.exec(body)?.[1] ?? "";
  const res = await fetch(`${base}/api/${projectId}/store/`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-sentry-auth": authHeader(publicKey) },
    body,
  });
  return { eventId, status: res.status, body: await res.text() };
}

function newEventId(): string {
  return randomUUID().replace(/-/g, "");
}

function goodEvent(index: number): string {
  return JSON.stringify({
    event_id: newEventId(),
    platform: "node",
    level: "error",
    exception: {
      values: [
        {
          type: "CheckoutError",
          value: `cart ${index % 3} could not be priced`,
          stacktrace: {
            frames: [{ filename: "app/cart.js", function: "price", lineno: 10 + (index % 3), in_app: true }],
          },
        },
      ],
    },
  });
}

/** Every poison found so far, as /store/ bodies (written as raw JSON text where escapes matter). */
function poisonEvents(): { kind: string; body: string }[] {
  const emailBait = "a@" + "a.".repeat(4095);
  const regexBomb = JSON.stringify({
    event_id: newEventId(),
    platform: "python",
    exception: { values: Array.from({ length: 20 }, () => ({ type: "ValueError", value: emailBait })) },
  });
  const globBait = JSON.stringify({
    event_id: newEventId(),
    platform: "python",
    exception: { values: [{ type: "GlobError", value: "a".repeat(150) }] },
  });
  // Raw JSON text: `\u0000` and a lone `\ud800` in values and keys.
  const unstorable = `{"event_id":"${newEventId()}","platform":"node","message":"nul \\u0000 and lone \\ud800 here","tags":{"k\\u0000":"v\\udc00"},"extra":{"lone\\ud800":["\\u0000"]}}`;
  const emoji = JSON.stringify({ event_id: newEventId(), platform: "node", message: "a" + "😀".repeat(600) });
  const megabyte = JSON.stringify({
    event_id: newEventId(),
    platform: "node",
    message: "big",
    extra: { blob: "a.".repeat(400_000) },
  });
  const oversized = JSON.stringify({
    event_id: newEventId(),
    platform: "node",
    exception: {
      values: Array.from({ length: 40 }, (_, i) => ({
        type: "ChainError",
        value: `link ${i}`,
        stacktrace: { frames: Array.from({ length: 400 }, (_, f) => ({ filename: `f${f}.js`, lineno: f })) },
      })),
    },
    breadcrumbs: { values: Array.from({ length: 2000 }, (_, i) => ({ message: `crumb ${i}` })) },
    tags: Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`tag${i}`, "v".repeat(300)])),
  });
  let deep: unknown = "bottom";
  for (let i = 0; i < 60; i++) deep = { deeper: deep };
  const nested = JSON.stringify({ event_id: newEventId(), platform: "node", message: "nested", extra: { deep } });
  return [
    ...Array.from({ length: 4 }, () => ({
      kind: "regex-bomb",
      body: regexBomb.replace(/"event_id":"\w+"/, `"event_id":"${newEventId()}"`),
    })),
    { kind: "glob-bomb", body: globBait },
    { kind: "unstorable-strings", body: unstorable },
    { kind: "emoji-at-boundary", body: emoji },
    { kind: "megabyte-string", body: megabyte },
    { kind: "oversized-shape", body: oversized },
    { kind: "deep-nesting", body: nested },
  ];
}

/** A 1 MB gzip body that inflates to far more than any limit. */
function decompressionBomb(): Buffer {
  return gzipSync(Buffer.alloc(200 * 1024 * 1024, 0x20), { level: 9 });
}

async function envelopeBomb(base: string, projectId: number, publicKey: string, bomb: Buffer): Promise<number> {
  const res = await fetch(`${base}/api/${projectId}/envelope/`, {
    method: "POST",
    headers: {
      "content-type": "application/x-sentry-envelope",
      "content-encoding": "gzip",
      "x-sentry-auth": authHeader(publicKey),
    },
    body: bomb,
  });
  await res.arrayBuffer();
  return res.status;
}

/** Polls `/_health/` until stopped; keeps every answer's status and time. */
function watchHealth(base: string) {
  const answers: { status: number; ms: number }[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const started = performance.now();
      const status = await fetch(`${base}/_health/`, { signal: AbortSignal.timeout(30_000) })
        .then((res) => res.status)
        .catch(() => 0);
      answers.push({ status, ms: performance.now() - started });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return answers;
    },
  };
}

it("stores every good event of one project whatever another project sends", async () => {
  const projectA = await createTestProject(db, "Poison", "acme");
  const projectB = await createTestProject(db, "Good", "other-org");
  // A glob that backtracks exponentially when compiled to a regular expression.
  await db.project.update({
    where: { id: projectA.projectId },
    data: { fingerprintingRules: 'error.value:"*a*a*a*a*a*b" -> glob-bomb' },
  });

  const [port = 0, healthPort = 0] = childPorts(2);
  faultline = await startChild("all-in-one", "server/dist/all-in-one.js", port, {
    PORT: String(port),
    WORKER_HEALTH_PORT: String(healthPort),
  });
  const base = faultline.url;
  const health = watchHealth(base);

  const bomb = decompressionBomb();
  const poison = poisonEvents();
  const [goodSent, poisonSent, bombStatuses] = await Promise.all([
    Promise.all(
      Array.from({ length: GOOD_EVENTS }, async (_, index) => {
        await new Promise((resolve) => setTimeout(resolve, index * 20));
        return store(base, projectB.projectId, projectB.publicKey, goodEvent(index));
      }),
    ),
    Promise.all(
      poison.map(async ({ kind, body }) => ({
        kind,
        ...(await store(base, projectA.projectId, projectA.publicKey, body)),
      })),
    ),
    Promise.all(Array.from({ length: 6 }, () => envelopeBomb(base, projectA.projectId, projectA.publicKey, bomb))),
  ]);

  // Every good event was accepted; every poison got an answer that is not a server error.
  expect(goodSent.map((sent) => sent.status)).toEqual(Array(GOOD_EVENTS).fill(200));
  // Within the size limits, every poison is accepted: nothing is refused for its shape.
  expect(poisonSent.map((sent) => [sent.kind, sent.status])).toEqual(poisonSent.map((sent) => [sent.kind, 200]));
  for (const status of bombStatuses) expect([413, 429, 503]).toContain(status);

  const goodIds = new Set(goodSent.map((sent) => sent.eventId));
  const acceptedPoison = poisonSent.filter((sent) => sent.status === 200);
  const poisonIds = new Set(acceptedPoison.map((sent) => sent.eventId));

  // Good events: all stored, each counted once.
  await waitFor(
    async () => (await db.event.count({ where: { projectId: projectB.projectId } })) === GOOD_EVENTS || undefined,
    120_000,
    "every good event stored",
  );
  const goodIssues = await db.issue.findMany({ where: { projectId: projectB.projectId } });
  expect(goodIssues.reduce((sum, issue) => sum + Number(issue.timesSeen), 0)).toBe(GOOD_EVENTS);

  // Poison: each accepted one is stored (sanitized) or failed alone, with its reason.
  const settled = await waitFor(
    async () => {
      const stored = await db.event.findMany({
        where: { projectId: projectA.projectId },
        select: { eventId: true },
      });
      const storedIds = new Set(stored.map((row) => row.eventId.replace(/-/g, "")));
      const failed = await queue.getFailed();
      const failedIds = new Set(
        failed.flatMap((job) => jobsCarriedBy(job).map((carried) => (carried.data as { eventId?: string }).eventId)),
      );
      const open = [...poisonIds].filter((id) => !storedIds.has(id) && !failedIds.has(id));
      return open.length === 0 ? { storedIds, failed } : undefined;
    },
    120_000,
    "every accepted poison event stored or failed",
  );
  for (const job of settled.failed) {
    const carried = jobsCarriedBy(job);
    // Failed alone: no good event rides along, and the reason is said.
    expect(carried).toHaveLength(1);
    const eventId = (carried[0]?.data as { eventId?: string }).eventId ?? "";
    expect(goodIds.has(eventId)).toBe(false);
    expect(job.failedReason).toBeTruthy();
    expect(job.failedReason).not.toMatch(/lock|stalled/i);
  }
  // The unstorable strings were stored, made storable.
  const unstorableId = poisonSent.find((sent) => sent.kind === "unstorable-strings")?.eventId ?? "";
  expect(settled.storedIds.has(unstorableId)).toBe(true);

  // The oversized one was trimmed to the caps, and says so.
  const oversizedId = poisonSent.find((sent) => sent.kind === "oversized-shape")?.eventId ?? "";
  const oversized = await db.event.findFirstOrThrow({
    where: { projectId: projectA.projectId, eventId: oversizedId },
    select: { data: true },
  });
  const data = oversized.data as { exception: { values: unknown[] }; errors?: { type: string }[] };
  expect(data.exception.values).toHaveLength(25);
  expect(data.errors?.some((error) => error.type === "value_too_long")).toBe(true);

  const answers = await health.stop();
  expect(answers.length).toBeGreaterThanOrEqual(5);
  expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
  // Generous: the point is that no answer waits on event processing (that took 18 s per event).
  expect(Math.max(...answers.map((answer) => answer.ms))).toBeLessThan(5000);
  // BullMQ says so when a job's lock expired while its worker was blocked.
  expect(faultline.output()).not.toMatch(/missing lock|stalled/i);
  const figures = {
    healthAnswers: answers.length,
    healthMaxMs: Math.round(Math.max(...answers.map((answer) => answer.ms))),
    poisonAccepted: acceptedPoison.length,
    poisonStored: settled.storedIds.size,
    poisonFailed: settled.failed.length,
  };
  process.stdout.write(`hostile-input figures: ${JSON.stringify(figures)}\n`);
});
