import type { Database } from "@faultline/db";
import request from "supertest";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  type TestServer,
} from "../../../../test/support/harness";
import { memberWithToken } from "../../../../test/support/api";
import { storeTestEvent } from "../../../../test/support/events";

let db: Database;
let server: TestServer;
let auth: string;

const HOUR = 3_600_000;
// Events one minute into each of the last five whole hours: each lands in its own 24h bucket.
const currentHour = Math.floor(Date.now() / HOUR) * HOUR;
const at = (hoursBack: number) => new Date(currentHour - hoursBack * HOUR + 60_000);
const iso = (hoursBack: number) => at(hoursBack).toISOString();

beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  server = await startTestServer(db);
  const { projectId } = await createTestProject(db, "Checkout", "acme");
  auth = (await memberWithToken(db, "dev@example.com", "acme", "member")).auth;
  await seed(projectId);
});
afterEach(async () => {
  await server.close();
});

interface Listed {
  id: string;
  title: string;
  count: string;
  userCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
  stats: Record<string, [number, number][]>;
  lifetime: { count: string; userCount: number; firstSeen: string | null; lastSeen: string | null; stats?: null };
  filtered: null | {
    count: string;
    userCount: number;
    firstSeen: string | null;
    lastSeen: string | null;
    stats: Record<string, [number, number][]>;
  };
}

/**
 * "pay": five events over five hours in two environments, two releases, two users, two browsers;
 * "cart": one event in production, release 2.0, a third user.
 */
async function seed(projectId: number) {
  const pay = { group: "pay", title: "TypeError: payment failed" };
  const events = [
    { hours: 5, environment: "production", release: "shop@1.0", user: { id: "u1" }, browser: "Chrome" },
    { hours: 4, environment: "production", release: "shop@1.0", user: { id: "u2" }, browser: "Firefox" },
    { hours: 3, environment: "staging", release: "shop@1.0", user: { id: "u1" }, browser: "Chrome" },
    { hours: 2, environment: "production", release: "shop@2.0", user: { id: "u1" }, browser: "Chrome" },
    {
      hours: 1,
      environment: "staging",
      release: "shop@2.0",
      user: { id: "u2", email: "bob@shop.example" },
      browser: "Firefox",
    },
  ];
  for (const event of events) {
    await storeTestEvent(db, projectId, {
      ...pay,
      timestamp: at(event.hours),
      environment: event.environment,
      release: event.release,
      user: event.user,
      tags: [["browser", event.browser]],
    });
  }
  await storeTestEvent(db, projectId, {
    group: "cart",
    title: "RangeError: cart too big",
    timestamp: at(2),
    environment: "production",
    release: "shop@2.0",
    user: { id: "u3" },
  });
}

async function list(params: Record<string, string | string[]>) {
  const res = await request(server.url)
    .get("/api/0/projects/acme/checkout/issues/")
    .query({ query: "", ...params })
    .set("Authorization", auth);
  expect(res.status).toBe(200);
  const issues = res.body as Listed[];
  const byTitle = (prefix: string) => issues.find((issue) => issue.title.startsWith(prefix));
  return { res, issues, pay: byTitle("TypeError"), cart: byTitle("RangeError") };
}

/** The 24h sparkline's non-empty buckets as hours back from the current hour. */
function busyHours(series: [number, number][] | undefined): Record<number, number> {
  const busy: Record<number, number> = {};
  for (const [seconds, count] of series ?? []) {
    if (count > 0) busy[(currentHour - seconds * 1000) / HOUR] = count;
  }
  return busy;
}

describe("issue list counts follow the filter", () => {
  it("without event filters: the issue's own counts, filtered null, lifetime equal", async () => {
    const { pay, res } = await list({});
    expect(pay).toMatchObject({ count: "5", userCount: 2, firstSeen: iso(5), lastSeen: iso(1), filtered: null });
    expect(pay?.lifetime).toEqual({ count: "5", userCount: 2, firstSeen: iso(5), lastSeen: iso(1), stats: null });
    expect(busyHours(pay?.stats["24h"])).toEqual({ 5: 1, 4: 1, 3: 1, 2: 1, 1: 1 });
    expect(res.headers["x-hits"]).toBe("2");
    expect(res.headers["x-max-hits"]).toBe("1000");
    // Counted, not read off the page: a page of one still says two, on the next page too.
    const first = await list({ per_page: "1" });
    expect(first.issues).toHaveLength(1);
    expect(first.res.headers["x-hits"]).toBe("2");
    const cursor = /<[^>]*cursor=([^&>]+)[^>]*>; rel="next"/.exec(String(first.res.headers.link))?.[1];
    const second = await list({ per_page: "1", cursor: decodeURIComponent(cursor ?? "") });
    expect(second.res.headers["x-hits"]).toBe("2");
  });

  it("an environment narrows every number, lifetime included; filtered stays null (as Sentry)", async () => {
    const { pay, cart } = await list({ query: "environment:production" });
    expect(pay).toMatchObject({ count: "3", userCount: 2, firstSeen: iso(5), lastSeen: iso(2), filtered: null });
    expect(pay?.lifetime).toMatchObject({ count: "3", userCount: 2, firstSeen: iso(5), lastSeen: iso(2) });
    expect(busyHours(pay?.stats["24h"])).toEqual({ 5: 1, 4: 1, 2: 1 });
    expect(cart).toMatchObject({ count: "1", userCount: 1 });
  });

  it("Sentry's `environment` parameter does the same and drops issues without such events", async () => {
    const { pay, cart, res } = await list({ environment: "staging" });
    expect(cart).toBeUndefined();
    expect(res.headers["x-hits"]).toBe("1");
    expect(pay).toMatchObject({ count: "2", userCount: 2, firstSeen: iso(3), lastSeen: iso(1) });
    expect(busyHours(pay?.stats["24h"])).toEqual({ 3: 1, 1: 1 });
  });

  it("a release: `filtered` holds the matching events, the top level stays the issue's", async () => {
    const { pay, cart } = await list({ query: "release:shop@1.0" });
    expect(cart).toBeUndefined();
    expect(pay).toMatchObject({ count: "5", userCount: 2, lastSeen: iso(1) });
    expect(pay?.lifetime).toMatchObject({ count: "5", userCount: 2 });
    expect(pay?.filtered).toMatchObject({ count: "3", userCount: 2, firstSeen: iso(5), lastSeen: iso(3) });
    expect(busyHours(pay?.filtered?.stats["24h"])).toEqual({ 5: 1, 4: 1, 3: 1 });
    expect(busyHours(pay?.stats["24h"])).toEqual({ 5: 1, 4: 1, 3: 1, 2: 1, 1: 1 });
  });

  it("environment and release together", async () => {
    const { pay, cart } = await list({ query: "environment:production release:shop@2.0" });
    expect(pay).toMatchObject({ count: "3", userCount: 2 });
    expect(pay?.lifetime).toMatchObject({ count: "3" });
    expect(pay?.filtered).toMatchObject({ count: "1", userCount: 1, firstSeen: iso(2), lastSeen: iso(2) });
    expect(busyHours(pay?.filtered?.stats["24h"])).toEqual({ 2: 1 });
    expect(cart?.filtered).toMatchObject({ count: "1", userCount: 1 });
  });

  it("a tag and a negated tag", async () => {
    const chrome = await list({ query: "browser:Chrome" });
    expect(chrome.pay?.filtered).toMatchObject({ count: "3", userCount: 1, firstSeen: iso(5), lastSeen: iso(2) });
    const notChrome = await list({ query: "!browser:Chrome" });
    // "cart" has no browser tag at all: every one of its events qualifies.
    expect(notChrome.cart?.filtered).toMatchObject({ count: "1", userCount: 1 });
  });

  it("a user: the events of that user", async () => {
    const { pay, cart } = await list({ query: "user.id:u2" });
    expect(cart).toBeUndefined();
    expect(pay?.filtered).toMatchObject({ count: "2", userCount: 1, firstSeen: iso(4), lastSeen: iso(1) });
    expect(busyHours(pay?.filtered?.stats["24h"])).toEqual({ 4: 1, 1: 1 });
  });

  it("a date range (start/end) narrows the top level; lifetime stays whole", async () => {
    const range = { start: new Date(at(4).getTime() - 60_000).toISOString(), end: iso(2) };
    const { pay, cart } = await list(range);
    expect(pay).toMatchObject({ count: "3", userCount: 2, firstSeen: iso(4), lastSeen: iso(2), filtered: null });
    expect(pay?.lifetime).toMatchObject({ count: "5", userCount: 2, firstSeen: iso(5), lastSeen: iso(1) });
    expect(cart).toMatchObject({ count: "1" });
    const withRelease = await list({ ...range, query: "release:shop@1.0" });
    expect(withRelease.pay?.filtered).toMatchObject({ count: "2", userCount: 2, firstSeen: iso(4), lastSeen: iso(3) });
  });

  it("a range without events of an issue leaves it out", async () => {
    const { issues, res } = await list({ start: new Date(currentHour + HOUR).toISOString() });
    expect(issues).toEqual([]);
    expect(res.headers["x-hits"]).toBe("0");
  });

  it("refuses a date that is not one", async () => {
    const res = await request(server.url)
      .get("/api/0/projects/acme/checkout/issues/?start=yesterday")
      .set("Authorization", auth);
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain("start");
  });
});

describe("bulk changes on a query (select all matching)", () => {
  it("updates every issue the query matches and only those", async () => {
    const res = await request(server.url)
      .put("/api/0/projects/acme/checkout/issues/")
      .query({ query: "is:unresolved release:shop@1.0" })
      .set("Authorization", auth)
      .send({ status: "ignored", statusDetails: { ignoreDuration: 30 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "ignored", statusDetails: { ignoreDuration: 30 } });
    const ignored = await list({ query: "is:ignored" });
    expect(ignored.issues.map((issue) => issue.title)).toEqual(["TypeError: payment failed"]);
    expect(ignored.res.headers["x-hits"]).toBe("1");
    // Undo is the reverse update on the same issues.
    const undo = await request(server.url)
      .put("/api/0/projects/acme/checkout/issues/")
      .query({ id: ignored.issues.map((issue) => issue.id) })
      .set("Authorization", auth)
      .send({ status: "unresolved" });
    expect(undo.status).toBe(200);
    expect((await list({ query: "is:unresolved" })).res.headers["x-hits"]).toBe("2");
  });
});
