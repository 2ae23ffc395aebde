import type { Database } from "@faultline/db";
import request from "supertest";
import { memberWithToken } from "../../../../test/support/api";
import { storeTestEvent } from "../../../../test/support/events";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  type TestServer,
} from "../../../../test/support/harness";

let db: Database;
let server: TestServer;
let checkoutId: number;
let paymentsId: number;
let rivalId: number;

beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  server = await startTestServer(db);
  checkoutId = (await createTestProject(db, "Checkout", "acme")).projectId;
  paymentsId = (await createTestProject(db, "Payments", "acme")).projectId;
  rivalId = (await createTestProject(db, "Secret", "rival")).projectId;
});
afterEach(async () => {
  await server.close();
});

const get = (path: string, auth: string) => request(server.url).get(path).set("Authorization", auth);
const put = (path: string, auth: string, body: object) =>
  request(server.url).put(path).set("Authorization", auth).send(body);
const ids = (body: { id: string }[]) => body.map((issue) => issue.id);

/** Issues created in this order: checkout card, payments refund, checkout cart, rival secret. */
async function seed() {
  const card = await storeTestEvent(db, checkoutId, { group: "card" });
  const refund = await storeTestEvent(db, paymentsId, { group: "refund" });
  const cart = await storeTestEvent(db, checkoutId, { group: "cart" });
  const secret = await storeTestEvent(db, rivalId, { group: "secret" });
  return {
    card: String(card.issueId),
    refund: String(refund.issueId),
    cart: String(cart.issueId),
    secret: String(secret.issueId),
  };
}

describe("issue updates with Sentry's fields", () => {
  it("accepts every field of Sentry's update and applies status, ignoring the rest", async () => {
    const { card } = await seed();
    const { auth } = await memberWithToken(db, "ana@example.com", "acme", "member");
    const res = await put(`/api/0/issues/${card}/`, auth, {
      status: "resolved",
      substatus: null,
      statusDetails: { inCommit: { commit: "a1b2c3", repository: "acme/shop" } },
      hasSeen: true,
      isPublic: false,
      inbox: false,
      inboxDetails: {},
      merge: false,
      discard: false,
      priority: "high",
      snoozeDuration: null,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: card, status: "resolved" });
    const stored = await db.issue.findUniqueOrThrow({ where: { id: BigInt(card) } });
    expect(stored.status).toBe("resolved");
  });

  it("reads muted as ignored, with the top-level snooze fields as its conditions", async () => {
    const { card, cart } = await seed();
    const { auth } = await memberWithToken(db, "ana@example.com", "acme", "member");
    const muted = await put(`/api/0/projects/acme/checkout/issues/?id=${card}`, auth, { status: "muted" });
    expect(muted.status).toBe(200);
    expect(muted.body).toMatchObject({ status: "ignored" });
    expect((await db.issue.findUniqueOrThrow({ where: { id: BigInt(card) } })).status).toBe("ignored");

    const before = Date.now();
    const snoozed = await put(`/api/0/projects/acme/checkout/issues/?id=${cart}`, auth, {
      status: "ignored",
      snoozeDuration: 30,
      ignoreCount: 5,
      ignoreWindow: 60,
    });
    expect(snoozed.status).toBe(200);
    expect(snoozed.body.statusDetails).toMatchObject({ ignoreDuration: 30, ignoreCount: 5, ignoreWindow: 60 });
    const stored = await db.issue.findUniqueOrThrow({ where: { id: BigInt(cart) } });
    expect(stored.ignoreUntil!.getTime()).toBeGreaterThanOrEqual(before + 30 * 60_000);
    expect(stored).toMatchObject({ ignoreUntilCount: 5, ignoreWindow: 60 });
  });

  it("resolves in the latest release when asked for inRelease: latest, and says so when there is none", async () => {
    const { card, cart } = await seed();
    const { auth } = await memberWithToken(db, "ana@example.com", "acme", "member");
    const none = await put(`/api/0/issues/${card}/`, auth, {
      status: "resolved",
      statusDetails: { inRelease: "latest" },
    });
    expect(none.status).toBe(400);
    expect(none.body.detail).toMatch(/inRelease/);
    await storeTestEvent(db, checkoutId, { group: "cart", release: "shop@2.0.0" });
    const latest = await put(`/api/0/issues/${cart}/`, auth, {
      status: "resolved",
      statusDetails: { inRelease: "latest" },
    });
    expect(latest.status).toBe(200);
    expect(latest.body.statusDetails).toMatchObject({ inRelease: "shop@2.0.0" });
  });

  it.each([
    [{ status: "sleeping" }, /status/],
    [{ substatus: "snoozed" }, /substatus/],
    [{ priority: "urgent" }, /priority/],
    [{ status: "ignored", statusDetails: { ignoreWindow: 20_000 } }, /ignoreWindow/],
    [{ status: "ignored", snoozeDuration: -5 }, /snoozeDuration/],
    [{ isBookmarked: "yes" }, /isBookmarked/],
    [{ stauts: "resolved" }, /stauts/],
    [{ discard: true }, /discard/],
  ])("refuses %j with a 400 naming the field", async (body, detail) => {
    const { card } = await seed();
    const { auth } = await memberWithToken(db, "ana@example.com", "acme", "member");
    for (const path of [`/api/0/issues/${card}/`, `/api/0/projects/acme/checkout/issues/?id=${card}`]) {
      const res = await put(path, auth, body);
      expect(res.status).toBe(400);
      expect(res.body.detail).toMatch(detail);
    }
    expect((await db.issue.findUniqueOrThrow({ where: { id: BigInt(card) } })).status).toBe("unresolved");
  });
});

describe("bookmarks and subscriptions", () => {
  it("are per user, read back in lists and detail, and searchable", async () => {
    const { card, cart, refund } = await seed();
    const ana = await memberWithToken(db, "ana@example.com", "acme", "member");
    const bob = await memberWithToken(db, "bob@example.com", "acme", "member");
    const marked = await put(`/api/0/organizations/acme/issues/?id=${card}`, ana.auth, {
      isBookmarked: true,
      isSubscribed: true,
    });
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ isBookmarked: true, isSubscribed: true });

    const flags = (body: { id: string; isBookmarked: boolean; isSubscribed: boolean }[]) =>
      Object.fromEntries(body.map((issue) => [issue.id, [issue.isBookmarked, issue.isSubscribed]]));
    const anaList = await get("/api/0/projects/acme/checkout/issues/", ana.auth);
    expect(flags(anaList.body)).toEqual({ [card]: [true, true], [cart]: [false, false] });
    const bobList = await get("/api/0/projects/acme/checkout/issues/", bob.auth);
    expect(flags(bobList.body)).toEqual({ [card]: [false, false], [cart]: [false, false] });
    expect((await get(`/api/0/issues/${card}/`, ana.auth)).body).toMatchObject({
      isBookmarked: true,
      isSubscribed: true,
    });
    expect((await get(`/api/0/issues/${card}/`, bob.auth)).body).toMatchObject({ isBookmarked: false });

    const search = async (auth: string, query: string) =>
      ids((await get(`/api/0/organizations/acme/issues/?query=${encodeURIComponent(query)}`, auth)).body);
    expect(await search(ana.auth, "is:bookmarked")).toEqual([card]);
    expect(await search(ana.auth, "bookmarks:me")).toEqual([card]);
    expect(await search(bob.auth, "is:bookmarked")).toEqual([]);
    expect(await search(bob.auth, "bookmarks:ana@example.com")).toEqual([card]);
    expect(await search(ana.auth, "!is:bookmarked")).toEqual([cart, refund]);

    // Bob's own bookmark on the other issue leaves Ana's alone; Ana removes hers.
    await put(`/api/0/issues/${cart}/`, bob.auth, { isBookmarked: true });
    expect(await search(bob.auth, "is:bookmarked")).toEqual([cart]);
    await put(`/api/0/issues/${card}/`, ana.auth, { isBookmarked: false, isSubscribed: false });
    expect(await search(ana.auth, "is:bookmarked")).toEqual([]);
    expect((await get(`/api/0/issues/${card}/`, ana.auth)).body).toMatchObject({
      isBookmarked: false,
      isSubscribed: false,
    });
  });

  it("need only the read scope: a viewer bookmarks, and still cannot change the issue", async () => {
    const { card, cart } = await seed();
    const viewer = await memberWithToken(db, "vic@example.com", "acme", "viewer");
    const single = await put(`/api/0/issues/${card}/`, viewer.auth, { isBookmarked: true, isSubscribed: true });
    expect(single.status).toBe(200);
    expect(single.body).toMatchObject({ isBookmarked: true, isSubscribed: true });
    const bulk = await put(`/api/0/projects/acme/checkout/issues/?id=${cart}`, viewer.auth, { isBookmarked: true });
    expect(bulk.status).toBe(200);
    expect(await db.issueBookmark.count()).toBe(2);
    const resolve = await put(`/api/0/issues/${card}/`, viewer.auth, { status: "resolved", isBookmarked: false });
    expect(resolve.status).toBe(403);
    expect(await db.issueBookmark.count()).toBe(2);
    expect(
      (await put(`/api/0/organizations/acme/issues/?id=${card}`, viewer.auth, { status: "resolved" })).status,
    ).toBe(403);
    expect((await db.issue.findUniqueOrThrow({ where: { id: BigInt(card) } })).status).toBe("unresolved");
  });
});

describe("short ids", () => {
  it("number issues per project in creation order", async () => {
    const { card, refund, cart } = await seed();
    const { auth } = await memberWithToken(db, "ana@example.com", "acme", "viewer");
    const shortIds = Object.fromEntries(
      (await get("/api/0/organizations/acme/issues/", auth)).body.map((issue: { id: string; shortId: string }) => [
        issue.id,
        issue.shortId,
      ]),
    );
    expect(shortIds).toEqual({ [card]: "CHECKOUT-1", [cart]: "CHECKOUT-2", [refund]: "PAYMENTS-1" });
    const more = await storeTestEvent(db, paymentsId, { group: "chargeback" });
    expect((await get(`/api/0/issues/${more.issueId}/`, auth)).body.shortId).toBe("PAYMENTS-2");
  });

  it("resolve through the shortids endpoint, in this organization only", async () => {
    const { cart } = await seed();
    const { auth } = await memberWithToken(db, "ana@example.com", "acme", "viewer");
    const res = await get("/api/0/organizations/acme/shortids/CHECKOUT-2/", auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      organizationSlug: "acme",
      projectSlug: "checkout",
      groupId: cart,
      shortId: "CHECKOUT-2",
      group: { id: cart, shortId: "CHECKOUT-2", project: { slug: "checkout" } },
    });
    expect((await get("/api/0/organizations/acme/shortids/checkout-2/", auth)).body.groupId).toBe(cart);
    expect((await get("/api/0/organizations/acme/shortids/CHECKOUT-9/", auth)).status).toBe(404);
    expect((await get("/api/0/organizations/acme/shortids/SECRET-1/", auth)).status).toBe(404);
    expect((await get("/api/0/organizations/rival/shortids/SECRET-1/", auth)).status).toBe(404);
  });

  it("a search that is exactly a short id answers that issue", async () => {
    const { cart } = await seed();
    const { auth } = await memberWithToken(db, "ana@example.com", "acme", "viewer");
    const hit = await get("/api/0/organizations/acme/issues/?query=CHECKOUT-2", auth);
    expect(hit.status).toBe(200);
    expect(hit.headers["x-sentry-direct-hit"]).toBe("1");
    expect(ids(hit.body)).toEqual([cart]);
    // Outside the projects asked for, it is only text (which matches nothing here).
    const elsewhere = await get(`/api/0/organizations/acme/issues/?query=CHECKOUT-2&project=${paymentsId}`, auth);
    expect(elsewhere.headers["x-sentry-direct-hit"]).toBeUndefined();
    expect(ids(elsewhere.body)).toEqual([]);
  });
});

describe("organization-scoped issue paths", () => {
  it.each(["", "events/", "events/latest/", "events/oldest/", "tags/", "hashes/", "activities/", "comments/"])(
    "/organizations/{org}/issues/{id}/%s answers as the unscoped path",
    async (rest) => {
      const { card, secret } = await seed();
      const { auth } = await memberWithToken(db, "ana@example.com", "acme", "member");
      const note = await request(server.url)
        .post(`/api/0/organizations/acme/issues/${card}/comments/`)
        .set("Authorization", auth)
        .send({ text: "looking" });
      expect(note.status).toBe(201);
      await memberWithToken(db, "eve@example.com", "rival", "owner");
      const scoped = await get(`/api/0/organizations/acme/issues/${card}/${rest}`, auth);
      const global = await get(`/api/0/issues/${card}/${rest}`, auth);
      expect(scoped.status).toBe(200);
      expect(global.status).toBe(200);
      expect(JSON.stringify(scoped.body).length).toBeGreaterThan(2);
      expect(scoped.body).toEqual(global.body);
      // Another organization's issue under this one, and an organization the caller is not in.
      expect((await get(`/api/0/organizations/acme/issues/${secret}/${rest}`, auth)).status).toBe(404);
      expect((await get(`/api/0/organizations/rival/issues/${secret}/${rest}`, auth)).status).toBe(404);
    },
  );

  it("take a short id in place of the id, and write through PUT and DELETE", async () => {
    const { card, cart, secret } = await seed();
    const { auth } = await memberWithToken(db, "ana@example.com", "acme", "member");
    const byShortId = await get("/api/0/organizations/acme/issues/CHECKOUT-1/", auth);
    expect(byShortId.status).toBe(200);
    expect(byShortId.body.id).toBe(card);
    expect((await get("/api/0/organizations/acme/issues/CHECKOUT-7/", auth)).status).toBe(404);
    expect((await get("/api/0/organizations/acme/issues/nonsense/", auth)).status).toBe(404);
    expect((await get("/api/0/organizations/acme/issues/%E0%A4%A/", auth)).status).toBe(404);
    const events = await get("/api/0/organizations/acme/issues/checkout-1/events/?full=true", auth);
    expect(events.status).toBe(200);
    expect(events.body).toHaveLength(1);

    const resolved = await put(`/api/0/organizations/acme/issues/${card}/`, auth, { status: "resolved" });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe("resolved");
    expect((await put(`/api/0/organizations/acme/issues/${secret}/`, auth, { status: "resolved" })).status).toBe(404);
    const deleted = await request(server.url)
      .delete(`/api/0/organizations/acme/issues/${cart}/`)
      .set("Authorization", auth);
    expect(deleted.status).toBe(202);
    expect(await db.issue.findUnique({ where: { id: BigInt(cart) } })).toBeNull();
    expect(await db.issue.findUnique({ where: { id: BigInt(secret) } })).not.toBeNull();
  });

  it("bulk-delete matching issues of the organization", async () => {
    const { card, refund, secret } = await seed();
    const { auth } = await memberWithToken(db, "ana@example.com", "acme", "member");
    const res = await request(server.url)
      .delete(`/api/0/organizations/acme/issues/?id=${card}&id=${refund}&id=${secret}`)
      .set("Authorization", auth);
    expect(res.status).toBe(204);
    expect(await db.issue.count({ where: { id: { in: [BigInt(card), BigInt(refund)] } } })).toBe(0);
    expect(await db.issue.count({ where: { id: BigInt(secret) } })).toBe(1);
  });
});
