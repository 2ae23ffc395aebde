import type { Database } from "@faultline/db";
import request from "supertest";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  type TestServer,
} from "../../../../test/support/harness";
import { createTestUser, memberWithToken } from "../../../../test/support/api";
import { storeTestEvent } from "../../../../test/support/events";

let db: Database;
let server: TestServer;
let projectId: number;
let rivalProjectId: number;

beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  server = await startTestServer(db);
  projectId = (await createTestProject(db, "Checkout", "acme")).projectId;
  rivalProjectId = (await createTestProject(db, "Secret", "rival")).projectId;
});
afterEach(async () => {
  await server.close();
});

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR);
const get = (path: string, auth: string) => request(server.url).get(path).set("Authorization", auth);
const ids = (body: { id: string }[]) => body.map((issue) => issue.id);

async function seed() {
  const card = await storeTestEvent(db, projectId, {
    group: "card",
    title: "TypeError: card declined",
    user: { id: "u1", email: "ana@shop.example" },
    tags: [["browser", "Chrome 120"]],
    release: "shop@1.0.0",
    timestamp: ago(30),
  });
  await storeTestEvent(db, projectId, {
    group: "card",
    title: "TypeError: card declined",
    user: { id: "u2" },
    release: "shop@1.0.0",
    timestamp: ago(1),
  });
  await storeTestEvent(db, projectId, {
    group: "card",
    title: "TypeError: card declined",
    user: { id: "u2" },
    timestamp: ago(0.5),
  });
  const cart = await storeTestEvent(db, projectId, {
    group: "cart",
    title: "RangeError: cart too big",
    level: "warning",
    environment: "staging",
    user: { email: "bob@shop.example" },
    timestamp: ago(2),
  });
  const fatal = await storeTestEvent(db, projectId, {
    group: "db",
    title: "Error: connection lost",
    level: "fatal",
    tags: [["browser", "Firefox 121"]],
    timestamp: ago(200),
  });
  const rival = await storeTestEvent(db, rivalProjectId, { group: "secret", title: "Error: secret" });
  return {
    card: String(card.issueId),
    cart: String(cart.issueId),
    fatal: String(fatal.issueId),
    rival: String(rival.issueId),
  };
}

describe("issue list", () => {
  it("answers Sentry's shape with stats, sorted by last seen, unresolved by default", async () => {
    const { card, cart, fatal } = await seed();
    const { auth } = await memberWithToken(db, "viewer@example.com", "acme", "viewer");
    const res = await get("/api/0/projects/acme/checkout/issues/", auth);
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual([card, cart, fatal]);
    const issue = res.body[0];
    expect(issue).toMatchObject({
      id: card,
      shortId: "CHECKOUT-1",
      title: "TypeError: card declined",
      culprit: "app/card.js in handle",
      level: "error",
      status: "unresolved",
      statusDetails: {},
      count: "3",
      userCount: 2,
      type: "error",
      metadata: { type: "TypeError" },
      project: { id: String(projectId), slug: "checkout", name: "Checkout" },
      assignedTo: null,
      permalink: `${server.url}/organizations/acme/issues/${card}/`,
    });
    expect(typeof issue.firstSeen).toBe("string");
    expect(issue.stats["24h"]).toHaveLength(24);
    const total = issue.stats["24h"].reduce((sum: number, [, n]: [number, number]) => sum + n, 0);
    expect(total).toBe(2); // the 30-hour-old event is outside the last 24 hours
    const daily = await get("/api/0/projects/acme/checkout/issues/?statsPeriod=14d", auth);
    expect(daily.body[0].stats["14d"]).toHaveLength(14);
    expect(daily.body[0].stats["14d"].reduce((sum: number, [, n]: [number, number]) => sum + n, 0)).toBe(3);
  });

  it("sorts by new, freq and user", async () => {
    const { card, cart, fatal } = await seed();
    const { auth } = await memberWithToken(db, "viewer@example.com", "acme", "viewer");
    expect(ids((await get("/api/0/projects/acme/checkout/issues/?sort=new", auth)).body)).toEqual([cart, card, fatal]);
    expect(ids((await get("/api/0/projects/acme/checkout/issues/?sort=freq", auth)).body)[0]).toBe(card);
    expect(ids((await get("/api/0/projects/acme/checkout/issues/?sort=user", auth)).body)).toEqual([card, cart, fatal]);
    const bad = await get("/api/0/projects/acme/checkout/issues/?sort=size", auth);
    expect(bad.status).toBe(400);
  });

  it.each([
    ["level:fatal", ["fatal"]],
    ["level:[warning,fatal]", ["cart", "fatal"]],
    ["environment:staging", ["cart"]],
    ["!environment:staging", ["card", "fatal"]],
    ["release:shop@1.0.0", ["card"]],
    ["browser:Chrome*", ["card"]],
    ['browser:"Firefox 121"', ["fatal"]],
    ["has:browser", ["card", "fatal"]],
    ["!has:user", ["fatal"]],
    ["user.id:u2", ["card"]],
    ["user.email:bob@shop.example", ["cart"]],
    ["firstSeen:-24h", ["cart"]],
    ["lastSeen:+24h", ["fatal"]],
    ["times_seen:>1", ["card"]],
    ["declined", ["card"]],
    ['"cart too"', ["cart"]],
    ["!declined", ["cart", "fatal"]],
    ["app/db.js", ["fatal"]],
    ["is:unresolved level:error", ["card"]],
  ])("query %j", async (query, expected) => {
    const seeded = await seed();
    const { auth } = await memberWithToken(db, "viewer@example.com", "acme", "viewer");
    const res = await get(`/api/0/projects/acme/checkout/issues/?query=${encodeURIComponent(query)}`, auth);
    expect(res.status).toBe(200);
    const names = Object.entries(seeded)
      .filter(([, id]) => ids(res.body).includes(id))
      .map(([name]) => name);
    expect(names.sort()).toEqual([...expected].sort());
  });

  it("bad search syntax is a 400 naming the token", async () => {
    const { auth } = await memberWithToken(db, "viewer@example.com", "acme", "viewer");
    const res = await get(
      `/api/0/projects/acme/checkout/issues/?query=${encodeURIComponent("level:error is:maybe")}`,
      auth,
    );
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('"is:maybe"');
    expect(res.body.detail).toContain("position 12");
  });

  it("the organization list spans its projects only", async () => {
    const { card, cart, fatal, rival } = await seed();
    const { auth } = await memberWithToken(db, "viewer@example.com", "acme", "viewer");
    const res = await get("/api/0/organizations/acme/issues/?query=", auth);
    expect(res.status).toBe(200);
    expect(ids(res.body).sort()).toEqual([card, cart, fatal].sort());
    expect(ids(res.body)).not.toContain(rival);
  });

  it("cursor pagination walks every issue exactly once, forwards and back, with Sentry's Link header", async () => {
    for (let n = 0; n < 23; n++) await storeTestEvent(db, projectId, { group: `g${n}`, timestamp: ago(n % 5) });
    const { auth } = await memberWithToken(db, "viewer@example.com", "acme", "viewer");
    const seen: string[] = [];
    const pages: string[] = [];
    let url: string | undefined = "/api/0/projects/acme/checkout/issues/?per_page=5&statsPeriod=";
    while (url) {
      pages.push(url);
      const res = await get(url, auth);
      expect(res.status).toBe(200);
      expect(res.headers.link).toMatch(/rel="previous"; results="(true|false)"; cursor="[^"]+"/);
      seen.push(...ids(res.body));
      const next = /<([^>]+)>; rel="next"; results="true"/.exec(res.headers.link ?? "");
      url = next?.[1] ? new URL(next[1]).pathname + new URL(next[1]).search : undefined;
    }
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    expect(pages).toHaveLength(5);
    // Previous from the last page returns the page before it.
    const last = await get(pages[4]!, auth);
    const prev = /<([^>]+)>; rel="previous"; results="true"/.exec(last.headers.link ?? "");
    const back = await get(new URL(prev![1]!).pathname + new URL(prev![1]!).search, auth);
    expect(ids(back.body)).toEqual(seen.slice(15, 20));
    const malformed = await get("/api/0/projects/acme/checkout/issues/?cursor=abc", auth);
    expect(malformed.status).toBe(400);
  });
});

describe("changing issues", () => {
  it("members resolve, ignore and reopen an issue; activity and audit log record it", async () => {
    const { card } = await seed();
    const member = await memberWithToken(db, "member@example.com", "acme", "member");
    const resolved = await request(server.url)
      .put(`/api/0/issues/${card}/`)
      .set("Authorization", member.auth)
      .send({ status: "resolved" });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ id: card, status: "resolved" });
    const listed = await get("/api/0/projects/acme/checkout/issues/?query=is:resolved", member.auth);
    expect(ids(listed.body)).toEqual([card]);

    const ignored = await request(server.url)
      .put(`/api/0/issues/${card}/`)
      .set("Authorization", member.auth)
      .send({ status: "ignored", statusDetails: { ignoreDuration: 60 } });
    expect(ignored.body.status).toBe("ignored");
    expect(ignored.body.statusDetails).toMatchObject({ ignoreDuration: 60, ignoreUntil: expect.any(String) });
    const stored = await db.issue.findUniqueOrThrow({ where: { id: BigInt(card) } });
    expect(stored.ignoreUntil!.getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);

    const counted = await request(server.url)
      .put(`/api/0/issues/${card}/`)
      .set("Authorization", member.auth)
      .send({ status: "ignored", statusDetails: { ignoreCount: 10 } });
    expect(counted.status).toBe(200);
    expect((await db.issue.findUniqueOrThrow({ where: { id: BigInt(card) } })).ignoreUntilCount).toBe(13);

    const users = await request(server.url)
      .put(`/api/0/issues/${card}/`)
      .set("Authorization", member.auth)
      .send({ status: "ignored", statusDetails: { ignoreUserCount: 5 } });
    expect(users.status).toBe(200);
    const ignoredForUsers = await db.issue.findUniqueOrThrow({ where: { id: BigInt(card) } });
    expect(ignoredForUsers.ignoreUntilUserCount).toBe(ignoredForUsers.userCount + 5);

    // With windows the counts are rates (Sentry's "100 times per hour", "5 users per day").
    const rates = await request(server.url)
      .put(`/api/0/issues/${card}/`)
      .set("Authorization", member.auth)
      .send({
        status: "ignored",
        statusDetails: { ignoreCount: 100, ignoreWindow: 60, ignoreUserCount: 5, ignoreUserWindow: 1440 },
      });
    expect(rates.body.statusDetails).toMatchObject({ ignoreCount: 100, ignoreWindow: 60, ignoreUserWindow: 1440 });
    expect(await db.issue.findUniqueOrThrow({ where: { id: BigInt(card) } })).toMatchObject({
      ignoreUntilCount: 100,
      ignoreWindow: 60,
      ignoreUntilUserCount: 5,
      ignoreUserWindow: 1440,
    });

    const reopened = await request(server.url)
      .put(`/api/0/issues/${card}/`)
      .set("Authorization", member.auth)
      .send({ status: "unresolved" });
    expect(reopened.body).toMatchObject({ status: "unresolved", statusDetails: {} });
    expect(await db.issue.findUniqueOrThrow({ where: { id: BigInt(card) } })).toMatchObject({
      ignoreUntilCount: null,
      ignoreWindow: null,
      ignoreUntilUserCount: null,
      ignoreUserWindow: null,
    });

    const activity = await get(`/api/0/issues/${card}/activities/`, member.auth);
    expect(activity.body.activity.map((a: { type: string }) => a.type)).toEqual([
      "set_unresolved",
      "set_ignored",
      "set_ignored",
      "set_ignored",
      "set_ignored",
      "set_resolved",
      "first_seen",
    ]);
    expect(activity.body.activity[0].user).toMatchObject({ email: "member@example.com" });
    const admin = await memberWithToken(db, "admin@example.com", "acme", "admin");
    const log = await get("/api/0/organizations/acme/audit-logs/", admin.auth);
    expect(log.body.rows.filter((row: { event: string }) => row.event === "issue.edit")).toHaveLength(6);
  });

  it("resolve in next release keeps the release the worker compares against", async () => {
    const { card } = await seed();
    const member = await memberWithToken(db, "member@example.com", "acme", "member");
    const res = await request(server.url)
      .put(`/api/0/issues/${card}/`)
      .set("Authorization", member.auth)
      .send({ status: "resolved", statusDetails: { inNextRelease: true } });
    expect(res.body.statusDetails).toMatchObject({ inNextRelease: true, actor: { email: "member@example.com" } });
    expect((await db.issue.findUniqueOrThrow({ where: { id: BigInt(card) } })).resolvedInRelease).toBe("shop@1.0.0");
  });

  it("assigns to a member by id or email, refuses outsiders, and finds assigned:me", async () => {
    const { card, cart } = await seed();
    const member = await memberWithToken(db, "member@example.com", "acme", "member");
    const outsider = await createTestUser(db, "outsider@example.com", { rival: "owner" });
    const assigned = await request(server.url)
      .put(`/api/0/issues/${card}/`)
      .set("Authorization", member.auth)
      .send({ assignedTo: `user:${member.user.id}` });
    expect(assigned.body.assignedTo).toMatchObject({
      type: "user",
      id: String(member.user.id),
      email: "member@example.com",
    });
    const byEmail = await request(server.url)
      .put(`/api/0/issues/${cart}/`)
      .set("Authorization", member.auth)
      .send({ assignedTo: "member@example.com" });
    expect(byEmail.status).toBe(200);
    const refused = await request(server.url)
      .put(`/api/0/issues/${card}/`)
      .set("Authorization", member.auth)
      .send({ assignedTo: String(outsider.id) });
    expect(refused.status).toBe(400);
    const mine = await get("/api/0/projects/acme/checkout/issues/?query=assigned:me", member.auth);
    expect(ids(mine.body).sort()).toEqual([card, cart].sort());
    const unassigned = await get("/api/0/projects/acme/checkout/issues/?query=is:unassigned", member.auth);
    expect(unassigned.body).toHaveLength(1);
    const cleared = await request(server.url)
      .put(`/api/0/issues/${card}/`)
      .set("Authorization", member.auth)
      .send({ assignedTo: null });
    expect(cleared.body.assignedTo).toBeNull();
  });

  it("bulk PUT by ids and by query, bulk DELETE; other organizations' ids are untouched", async () => {
    const { card, cart, fatal, rival } = await seed();
    const member = await memberWithToken(db, "member@example.com", "acme", "member");
    const res = await request(server.url)
      .put(`/api/0/projects/acme/checkout/issues/?id=${card}&id=${cart}&id=${rival}`)
      .set("Authorization", member.auth)
      .send({ status: "resolved" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "resolved" });
    const statuses = await db.issue.findMany({ select: { id: true, status: true }, orderBy: { id: "asc" } });
    expect(Object.fromEntries(statuses.map((row) => [String(row.id), row.status]))).toEqual({
      [card]: "resolved",
      [cart]: "resolved",
      [fatal]: "unresolved",
      [rival]: "unresolved",
    });
    const onlyRival = await request(server.url)
      .put(`/api/0/projects/acme/checkout/issues/?id=${rival}`)
      .set("Authorization", member.auth)
      .send({ status: "resolved" });
    expect(onlyRival.status).toBe(404);
    const byQuery = await request(server.url)
      .put(`/api/0/organizations/acme/issues/?query=${encodeURIComponent("level:fatal")}`)
      .set("Authorization", member.auth)
      .send({ status: "ignored" });
    expect(byQuery.status).toBe(200);
    expect((await db.issue.findUniqueOrThrow({ where: { id: BigInt(fatal) } })).status).toBe("ignored");
    const deleted = await request(server.url)
      .delete(`/api/0/projects/acme/checkout/issues/?id=${card}&id=${rival}`)
      .set("Authorization", member.auth);
    expect(deleted.status).toBe(204);
    expect(await db.issue.count({ where: { id: BigInt(card) } })).toBe(0);
    expect(await db.issue.count({ where: { id: BigInt(rival) } })).toBe(1);
  });

  it("viewers cannot change issues (403); unknown fields are 400", async () => {
    const { card } = await seed();
    const viewer = await memberWithToken(db, "viewer@example.com", "acme", "viewer");
    const res = await request(server.url)
      .put(`/api/0/issues/${card}/`)
      .set("Authorization", viewer.auth)
      .send({ status: "resolved" });
    expect(res.status).toBe(403);
    expect((await request(server.url).delete(`/api/0/issues/${card}/`).set("Authorization", viewer.auth)).status).toBe(
      403,
    );
    const member = await memberWithToken(db, "member@example.com", "acme", "member");
    const bad = await request(server.url)
      .put(`/api/0/issues/${card}/`)
      .set("Authorization", member.auth)
      .send({ status: "fixed" });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/^status: /);
  });

  it("deletes one issue", async () => {
    const { card } = await seed();
    const member = await memberWithToken(db, "member@example.com", "acme", "member");
    expect((await request(server.url).delete(`/api/0/issues/${card}/`).set("Authorization", member.auth)).status).toBe(
      202,
    );
    expect((await get(`/api/0/issues/${card}/`, member.auth)).status).toBe(404);
  });
});

describe("issue detail, events, tags, hashes, comments", () => {
  it("every issue-scoped path answers 404 for another organization's issue", async () => {
    const { rival } = await seed();
    const owner = await memberWithToken(db, "owner@example.com", "acme", "owner");
    const rivalEvent = await db.event.findFirstOrThrow({ where: { issueId: BigInt(rival) } });
    const paths = [
      `/api/0/issues/${rival}/`,
      `/api/0/organizations/acme/issues/${rival}/`,
      `/api/0/issues/${rival}/events/`,
      `/api/0/issues/${rival}/events/latest/`,
      `/api/0/issues/${rival}/events/oldest/`,
      `/api/0/issues/${rival}/events/${rivalEvent.eventId.replace(/-/g, "")}/`,
      `/api/0/issues/${rival}/tags/`,
      `/api/0/issues/${rival}/tags/level/values/`,
      `/api/0/issues/${rival}/hashes/`,
      `/api/0/issues/${rival}/comments/`,
      `/api/0/issues/${rival}/activities/`,
      `/api/0/projects/acme/checkout/events/${rivalEvent.eventId.replace(/-/g, "")}/`,
      `/api/0/issues/not-a-number/`,
      `/api/0/issues/999999999/`,
    ];
    for (const path of paths) {
      const res = await get(path, owner.auth);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    for (const [method, path] of [
      ["put", `/api/0/issues/${rival}/`],
      ["delete", `/api/0/issues/${rival}/`],
      ["post", `/api/0/issues/${rival}/comments/`],
    ] as const) {
      const agent = request(server.url);
      const res = await agent[method](path).set("Authorization", owner.auth).send({ status: "resolved", text: "x" });
      expect({ path, method, status: res.status }).toEqual({ path, method, status: 404 });
    }
  });

  it("issue detail carries the 24h, 14d and 30d stats periods and releases", async () => {
    const { card } = await seed();
    // Three weeks old: outside 14d, inside 30d.
    await storeTestEvent(db, projectId, { group: "card", title: "TypeError: card declined", timestamp: ago(21 * 24) });
    const { auth } = await memberWithToken(db, "viewer@example.com", "acme", "viewer");
    const res = await get(`/api/0/issues/${card}/`, auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: card, count: "4", firstRelease: { version: "shop@1.0.0" } });
    expect(Object.keys(res.body.stats).sort()).toEqual(["14d", "24h", "30d"]);
    const sum = (series: [number, number][]) => series.reduce((total, [, n]) => total + n, 0);
    const month: [number, number][] = res.body.stats["30d"];
    expect(month).toHaveLength(30);
    expect(month[1]![0] - month[0]![0]).toBe(86_400);
    expect(month[29]![0] * 1000).toBeLessThanOrEqual(Date.now());
    expect(month[29]![0] * 1000).toBeGreaterThan(Date.now() - 86_400_000);
    expect(sum(month)).toBe(4);
    expect(sum(res.body.stats["14d"])).toBe(3);
    expect(res.body.stats["24h"]).toHaveLength(24);
  });

  it("latest event in Sentry's shape, with entries, tags and neighbours", async () => {
    const { card } = await seed();
    const { auth } = await memberWithToken(db, "viewer@example.com", "acme", "viewer");
    const latest = await get(`/api/0/issues/${card}/events/latest/`, auth);
    expect(latest.status).toBe(200);
    const event = latest.body;
    expect(event.eventID).toMatch(/^[0-9a-f]{32}$/);
    expect(event).toMatchObject({ groupID: card, projectID: String(projectId), platform: "node", nextEventID: null });
    expect(event.entries.map((entry: { type: string }) => entry.type)).toEqual(["exception", "breadcrumbs", "request"]);
    const frames = event.entries[0].data.values[0].stacktrace.frames;
    expect(frames[1]).toMatchObject({ function: "handle", inApp: true, lineNo: 42, context: [[42, "  throw err;"]] });
    expect(event.tags).toContainEqual({ key: "user", value: "id:u2", query: 'user.id:"u2"' });
    expect(event.user).toMatchObject({ id: "u2" });
    expect(event.sdk).toMatchObject({ name: "sentry.javascript.node" });
    expect(event.contexts).toMatchObject({ runtime: { name: "node" } });
    expect(typeof event.dateCreated).toBe("string");
    expect(typeof event.dateReceived).toBe("string");
    expect(event.fingerprints).toEqual(["hash-card"]);
    const previous = await get(`/api/0/issues/${card}/events/${event.previousEventID}/`, auth);
    expect(previous.body.nextEventID).toBe(event.eventID);
    const oldest = await get(`/api/0/issues/${card}/events/oldest/`, auth);
    expect(oldest.body.previousEventID).toBeNull();
    expect(oldest.body.user).toMatchObject({ email: "ana@shop.example" });
    const byProject = await get(`/api/0/projects/acme/checkout/events/${event.eventID}/`, auth);
    expect(byProject.body.eventID).toBe(event.eventID);
  });

  it("lists events (summary and full) with pagination", async () => {
    const { card } = await seed();
    const { auth } = await memberWithToken(db, "viewer@example.com", "acme", "viewer");
    const page1 = await get(`/api/0/issues/${card}/events/?per_page=2`, auth);
    expect(page1.body).toHaveLength(2);
    expect(page1.body[0]).toMatchObject({ groupID: card, "event.type": "error" });
    expect(page1.body[0].entries).toBeUndefined();
    const next = /<([^>]+)>; rel="next"; results="true"/.exec(page1.headers.link ?? "");
    const page2 = await get(new URL(next![1]!).pathname + new URL(next![1]!).search, auth);
    expect(page2.body).toHaveLength(1);
    const full = await get(`/api/0/issues/${card}/events/?full=true`, auth);
    expect(full.body[0].entries.length).toBeGreaterThan(0);
  });

  it("searches an issue's events with Sentry's query: tags, columns, user fields, text, negation, lists", async () => {
    const { card } = await seed();
    const { auth } = await memberWithToken(db, "viewer@example.com", "acme", "viewer");
    const users = async (query: string) => {
      const res = await get(`/api/0/issues/${card}/events/?query=${encodeURIComponent(query)}`, auth);
      expect({ query, status: res.status }).toEqual({ query, status: 200 });
      return res.body.map(
        (event: { tags: { key: string; value: string }[] }) => event.tags.find((tag) => tag.key === "user")?.value,
      );
    };
    expect(await users('browser:"Chrome 120"')).toEqual(["id:u1"]);
    expect(await users("browser:Chrome*")).toEqual(["id:u1"]);
    expect(await users("has:browser")).toEqual(["id:u1"]);
    expect(await users('!browser:"Chrome 120"')).toEqual(["id:u2", "id:u2"]);
    expect(await users("release:shop@1.0.0")).toEqual(["id:u2", "id:u1"]);
    expect(await users("!release:shop@1.0.0")).toEqual(["id:u2"]);
    expect(await users("user:id:u2 release:[shop@1.0.0, shop@2.0.0]")).toEqual(["id:u2"]);
    expect(await users("user.email:ana@shop.example")).toEqual(["id:u1"]);
    expect(await users("environment:production level:error")).toHaveLength(3);
    expect(await users("card declined")).toHaveLength(3);
    expect(await users("browser:Safari")).toEqual([]);
    expect(await users("")).toHaveLength(3);

    // The cursor keeps the search.
    const first = await get(`/api/0/issues/${card}/events/?per_page=1&query=user%3Aid%3Au2`, auth);
    expect(first.body).toHaveLength(1);
    const next = /<([^>]+)>; rel="next"; results="true"/.exec(first.headers.link ?? "");
    const second = await get(new URL(next![1]!).pathname + new URL(next![1]!).search, auth);
    expect(second.body).toHaveLength(1);
    expect(second.body[0].eventID).not.toBe(first.body[0].eventID);
    expect(second.headers.link).toContain('rel="next"; results="false"');

    const bad = await get(`/api/0/issues/${card}/events/?query=${encodeURIComponent('browser:"Chrome')}`, auth);
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain("Invalid search query");
  });

  it("tags with top values, tag values, hashes", async () => {
    const { card } = await seed();
    const { auth } = await memberWithToken(db, "viewer@example.com", "acme", "viewer");
    const tags = await get(`/api/0/issues/${card}/tags/`, auth);
    const user = tags.body.find((tag: { key: string }) => tag.key === "user");
    expect(user).toMatchObject({ key: "user", totalValues: 3, uniqueValues: 2 });
    expect(user.topValues[0]).toMatchObject({ value: "id:u2", count: 2 });
    const values = await get(`/api/0/issues/${card}/tags/user/values/?per_page=1`, auth);
    expect(values.body).toEqual([expect.objectContaining({ key: "user", value: "id:u2", count: 2 })]);
    const next = /<([^>]+)>; rel="next"; results="true"/.exec(values.headers.link ?? "");
    const more = await get(new URL(next![1]!).pathname + new URL(next![1]!).search, auth);
    expect(more.body).toEqual([expect.objectContaining({ value: "id:u1", count: 1 })]);
    const hashes = await get(`/api/0/issues/${card}/hashes/`, auth);
    expect(hashes.body).toEqual([expect.objectContaining({ id: "hash-card" })]);
  });

  it("comments: members write, viewers read, activity shows them", async () => {
    const { card } = await seed();
    const member = await memberWithToken(db, "member@example.com", "acme", "member");
    const viewer = await memberWithToken(db, "viewer@example.com", "acme", "viewer");
    const posted = await request(server.url)
      .post(`/api/0/issues/${card}/comments/`)
      .set("Authorization", member.auth)
      .send({ text: "Looking into it" });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({
      type: "note",
      data: { text: "Looking into it" },
      user: { email: "member@example.com" },
    });
    expect(
      (
        await request(server.url)
          .post(`/api/0/issues/${card}/comments/`)
          .set("Authorization", viewer.auth)
          .send({ text: "x" })
      ).status,
    ).toBe(403);
    const empty = await request(server.url)
      .post(`/api/0/issues/${card}/comments/`)
      .set("Authorization", member.auth)
      .send({ text: " " });
    expect(empty.status).toBe(400);
    const list = await get(`/api/0/issues/${card}/comments/`, viewer.auth);
    expect(list.body).toHaveLength(1);
    const listed = await get("/api/0/projects/acme/checkout/issues/", viewer.auth);
    expect(listed.body.find((issue: { id: string }) => issue.id === card).numComments).toBe(1);
  });
});
