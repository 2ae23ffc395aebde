import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import { bearerFor, createTestUser } from "../support/api";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  startTestWorker,
  waitFor,
  type TestServer,
} from "../support/harness";

/** Sentry's documented "Retrieve an Event for a Project" response (abridged; see its `source`). */
const DOCUMENTED = (
  JSON.parse(readFileSync(path.join(__dirname, "../fixtures/sentry-api/retrieve-an-event.json"), "utf8")) as {
    example: Record<string, unknown>;
  }
).example;

/**
 * Where the example's values are the example's own data (its contexts, extra, metadata, a
 * processing error's details, a breadcrumb's or the request's payload), not fields of the API:
 * only their presence and kind are compared there.
 */
const FREE_FORM = new Set([
  "contexts",
  "context",
  "metadata",
  "packages",
  "errors[].data",
  "user.data",
  "entries[breadcrumbs].data.values[].data",
  "entries[request].data.data",
  "entries[exception].data.values[].mechanism",
  "_meta.entries",
  "_meta.tags",
]);

type Kind = "null" | "array" | "object" | "string" | "number" | "boolean";
const kindOf = (value: unknown): Kind =>
  value === null ? "null" : Array.isArray(value) ? "array" : (typeof value as Kind);

/**
 * Every field of the documented example is in `actual` with the same JSON kind (null on either
 * side stands for a field the example or this event happens to leave empty); lists compare each
 * item with the example's first (entries by their `type`).
 */
function shapeProblems(actual: unknown, documented: unknown, at: string, problems: string[] = []): string[] {
  const expected = kindOf(documented);
  const got = kindOf(actual);
  if (expected !== "null" && got !== "null" && expected !== got) problems.push(`${at}: ${got}, documented ${expected}`);
  if (FREE_FORM.has(at) || expected === "null" || got !== expected) return problems;
  if (expected === "array") {
    const items = actual as unknown[];
    const examples = documented as unknown[];
    if (at === "entries") {
      for (const example of examples as { type: string }[]) {
        const entry = (items as { type: string }[]).find((item) => item.type === example.type);
        if (!entry) problems.push(`entries: no ${example.type} entry`);
        else shapeProblems(entry, example, `entries[${example.type}]`, problems);
      }
    } else if (Array.isArray(examples[0])) {
      // Tuples (`[line, text]`, `[name, value]`): position by position.
      const tuple = examples[0];
      for (const item of items) {
        if (!Array.isArray(item)) problems.push(`${at}[]: ${kindOf(item)}, documented array`);
        else tuple.forEach((part, index) => shapeProblems(item[index], part, `${at}[][${index}]`, problems));
      }
    } else if (examples.length > 0) {
      items.forEach((item) => shapeProblems(item, examples[0], `${at}[]`, problems));
    }
  } else if (expected === "object") {
    const object = actual as Record<string, unknown>;
    for (const [key, value] of Object.entries(documented as Record<string, unknown>)) {
      const field = at ? `${at}.${key}` : key;
      if (!Object.hasOwn(object, key)) problems.push(`${field}: missing`);
      else shapeProblems(object[key], value, field, problems);
    }
  }
  return problems;
}

/** A @sentry/node app: a request that fails inside an HTTP handler, after a breadcrumb, with a user and contexts. */
const NODE_APP = `
const Sentry = require(${JSON.stringify(require.resolve("@sentry/node"))});
Sentry.init({ dsn: process.argv[2], release: "shop@3.1.0", environment: "e2e", sendDefaultPii: true });
const http = require("node:http");
Sentry.setUser({ id: "customer-9", email: "c9@shop.example", username: "u".repeat(300) });
Sentry.setTag("checkout.step", "payment");
Sentry.setContext("cart", { items: 3, total: 42.5 });
Sentry.addBreadcrumb({ category: "cart", message: "loaded cart with 3 items", level: "info", data: { items: 3 } });
function chargeCard(order) {
  throw new TypeError("card declined for order " + order);
}
const server = http.createServer((req, res) => {
  try {
    chargeCard(17);
  } catch (error) {
    const eventId = Sentry.captureException(error);
    Sentry.captureFeedback({ message: "The pay button did nothing", name: "Cara", email: "c9@shop.example", associatedEventId: eventId });
  }
  res.end("ok");
});
server.listen(0, "127.0.0.1", async () => {
  const { port } = server.address();
  await fetch("http://127.0.0.1:" + port + "/checkout/pay?coupon=SPRING&step=2", {
    method: "POST",
    headers: { cookie: "theme=dark", "content-type": "application/json" },
    body: JSON.stringify({ card: "visa" }),
  });
  server.close();
  Sentry.captureMessage("checkout finished with warnings", "warning");
  process.exit((await Sentry.flush(10000)) ? 0 : 1);
});
`;

let db: Database;
let server: TestServer;
let worker: RunningWorker;

beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  server = await startTestServer(db);
  worker = startTestWorker(db);
});
afterEach(async () => {
  await server.close();
  await worker.close();
});

type Body = Record<string, unknown> & { entries: { type: string; data: Record<string, unknown> }[] };

describe("the event API answers in Sentry's documented shape", () => {
  it("a @sentry/node error with breadcrumbs, request, user and contexts, by every path Sentry reads events from", async () => {
    const project = await createTestProject(db, "Node Shop", "acme");
    const owner = await createTestUser(db, "owner@example.com", { acme: "owner" });
    const auth = await bearerFor(db, owner.id, ["read"]);
    const script = path.join(tmpdir(), `faultline-event-shape-${process.pid}.js`);
    writeFileSync(script, NODE_APP);
    await promisify(execFile)(process.execPath, [script, project.dsnFor(server.url)], { timeout: 30_000 });
    await waitFor(async () => (await db.event.count()) === 2 || undefined, 20_000, "two stored events");
    await waitFor(async () => (await db.userFeedback.count()) === 1 || undefined, 20_000, "the stored feedback");
    const stored = await db.event.findFirstOrThrow({ where: { title: { contains: "card declined" } } });
    const eventId = stored.eventId.replace(/-/g, "");
    const get = async (url: string) => {
      const res = await fetch(`${server.url}${url}`, { headers: { authorization: auth } });
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      return (await res.json()) as unknown;
    };

    const event = (await get(`/api/0/projects/acme/${project.projectSlug}/events/${eventId}/`)) as Body;
    expect(shapeProblems(event, DOCUMENTED, "")).toEqual([]);
    for (const which of ["latest", "oldest", "recommended", eventId]) {
      const same = (await get(`/api/0/issues/${stored.issueId}/events/${which}/`)) as Body;
      expect(same.entries).toEqual(event.entries);
    }
    const [listed] = (await get(`/api/0/issues/${stored.issueId}/events/?full=true`)) as Body[];
    expect(listed!.entries).toEqual(event.entries);

    expect(event).toMatchObject({ id: eventId, eventID: eventId, groupID: String(stored.issueId), platform: "node" });
    expect(event.entries.map((entry) => entry.type)).toEqual(["exception", "breadcrumbs", "request"]);

    // Frames: Sentry's names, numbered source lines around the throw, the raw frames null (no source maps).
    const exception = event.entries[0]!.data as { values: Record<string, unknown>[]; hasSystemFrames: boolean };
    const value = exception.values.at(-1)!;
    expect(value).toMatchObject({ type: "TypeError", value: "card declined for order 17", rawStacktrace: null });
    const frames = (value.stacktrace as { frames: Record<string, unknown>[] }).frames;
    const thrower = frames.find((frame) => frame.function === "chargeCard")!;
    expect(thrower).toMatchObject({ inApp: true, lineNo: expect.any(Number), colNo: expect.any(Number) });
    expect(thrower.absPath).toBe(script);
    expect(thrower.context).toContainEqual([
      thrower.lineNo,
      '  throw new TypeError("card declined for order " + order);',
    ]);
    expect(exception.hasSystemFrames).toBe(true);
    for (const frame of frames) expect(Object.keys(frame)).not.toEqual(expect.arrayContaining(["lineno"]));

    const crumbs = (event.entries[1]!.data as { values: Record<string, unknown>[] }).values;
    expect(crumbs).toContainEqual({
      type: "default",
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      level: "info",
      message: "loaded cart with 3 items",
      category: "cart",
      data: { items: 3 },
      event_id: null,
    });

    const requestEntry = event.entries[2]!.data;
    expect(requestEntry).toMatchObject({
      method: "POST",
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/checkout\/pay$/),
      query: [
        ["coupon", "SPRING"],
        ["step", "2"],
      ],
      fragment: null,
      inferredContentType: "application/json",
    });
    expect(requestEntry.headers).toContainEqual(["Content-Type", "application/json"]);
    expect(requestEntry.cookies).toContainEqual(["theme", "dark"]);

    expect(event.user).toMatchObject({ id: "customer-9", email: "c9@shop.example", geo: null });
    expect(event.contexts).toMatchObject({
      cart: { items: 3, total: 42.5, type: "default" },
      runtime: { name: "node", type: "runtime" },
      os: { type: "os" },
      trace: { trace_id: expect.stringMatching(/^[0-9a-f]{32}$/), type: "trace" },
    });
    // The 300-character username was cut: noted in `errors` (with Sentry's message) and `_meta`.
    expect(event.errors).toContainEqual({
      type: "value_too_long",
      message: "Discarded value due to exceeding maximum length",
      data: { name: "user.username" },
    });
    expect(event._meta).toMatchObject({ user: { username: { "": { len: 300 } } } });
    expect(event.groupingConfig).toEqual({ id: expect.any(String), enhancements: "" });
    const keys = (event.tags as { key: string }[]).map((tag) => tag.key);
    expect(keys).toEqual([...keys].sort());
    expect(event.tags).toContainEqual({ key: "checkout.step", value: "payment" });
    expect(event.release).toMatchObject({ version: "shop@3.1.0" });
    expect(event.sdk).toEqual({ name: "sentry.javascript.node", version: expect.any(String) });
    // The feedback the user sent about this event, as Sentry's user report.
    expect(event.userReport).toEqual({
      id: expect.any(String),
      eventID: eventId,
      name: "Cara",
      email: "c9@shop.example",
      comments: "The pay button did nothing",
      dateCreated: expect.any(String),
      user: null,
      event: { id: eventId, eventID: eventId },
    });

    // A captured message: its entry comes first, as Sentry orders entries by display score.
    const message = await db.event.findFirstOrThrow({ where: { title: { contains: "checkout finished" } } });
    const messageEvent = (await get(
      `/api/0/projects/acme/${project.projectSlug}/events/${message.eventId.replace(/-/g, "")}/`,
    )) as Body;
    expect(messageEvent.entries[0]).toEqual({
      type: "message",
      data: { formatted: "checkout finished with warnings" },
    });
    expect(messageEvent.entries.map((entry) => entry.type)).toContain("breadcrumbs");
  }, 60_000);
});
