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
let projectId: number;

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
});
afterEach(async () => {
  await server.close();
});

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR);

async function twoIssues() {
  const card = await storeTestEvent(db, projectId, { group: "card", user: { id: "u1" }, timestamp: ago(5) });
  await storeTestEvent(db, projectId, { group: "card", user: { id: "u1" }, timestamp: ago(4) });
  const cart = await storeTestEvent(db, projectId, { group: "cart", user: { id: "u2" }, timestamp: ago(3) });
  return { card: card.issueId, cart: cart.issueId };
}

it("merges on the organization path, moving comments, bookmarks and subscriptions to the parent", async () => {
  const { card, cart } = await twoIssues();
  const owner = await memberWithToken(db, "owner@example.com", "acme", "owner");
  const member = await memberWithToken(db, "member@example.com", "acme", "member");
  const put = (path: string, auth: string, body: object) =>
    request(server.url).put(path).set("Authorization", auth).send(body);
  await request(server.url)
    .post(`/api/0/issues/${cart}/comments/`)
    .set("Authorization", member.auth)
    .send({ text: "Same bug as the card one" });
  await put(`/api/0/issues/${cart}/`, member.auth, { isBookmarked: true, isSubscribed: false });

  // One issue: nothing to merge, as Sentry.
  const single = await put(`/api/0/organizations/acme/issues/?id=${card}`, owner.auth, { merge: true });
  expect(single.status).toBe(200);
  expect(single.body).toEqual({});

  const merged = await put(`/api/0/organizations/acme/issues/?id=${cart}&id=${card}`, owner.auth, { merge: "1" });
  expect(merged.status).toBe(200);
  expect(merged.body.merge).toEqual({ parent: String(card), children: [String(cart)] });
  expect(await db.issue.count()).toBe(1);

  const comments = await request(server.url).get(`/api/0/issues/${card}/comments/`).set("Authorization", owner.auth);
  expect(comments.body).toEqual([expect.objectContaining({ data: { text: "Same bug as the card one" } })]);
  const asMember = await request(server.url).get(`/api/0/issues/${card}/`).set("Authorization", member.auth);
  expect(asMember.body).toMatchObject({ isBookmarked: true, isSubscribed: false, count: "3", userCount: 2 });
  expect(await db.auditLogEntry.findFirst({ where: { event: "issue.merge" }, select: { targetObject: true } })).toEqual(
    { targetObject: String(card) },
  );
});

it("refuses to merge issues of different projects and unmerge of a hash the issue does not own", async () => {
  const { card } = await twoIssues();
  const otherProject = (await createTestProject(db, "Billing", "acme")).projectId;
  const billing = await storeTestEvent(db, otherProject, { group: "invoice" });
  const owner = await memberWithToken(db, "owner@example.com", "acme", "owner");

  const across = await request(server.url)
    .put(`/api/0/organizations/acme/issues/?id=${card}&id=${billing.issueId}`)
    .set("Authorization", owner.auth)
    .send({ merge: 1 });
  expect(across.status).toBe(400);
  expect(across.body.detail).toBe("Merging across multiple projects is not supported");

  const unknown = await request(server.url)
    .delete(`/api/0/issues/${card}/hashes/?id=hash-invoice`)
    .set("Authorization", owner.auth);
  expect(unknown.status).toBe(400);
  const none = await request(server.url).delete(`/api/0/issues/${card}/hashes/`).set("Authorization", owner.auth);
  expect(none.status).toBe(200);
  // card, cart and the billing issue: nothing merged or split.
  expect(await db.issue.count()).toBe(3);
});

it("counts events stored before primary hashes were kept under their issue's hash", async () => {
  const { card, cart } = await twoIssues();
  await db.event.updateMany({ data: { primaryHash: null } });
  const owner = await memberWithToken(db, "owner@example.com", "acme", "owner");
  await request(server.url)
    .put(`/api/0/projects/acme/checkout/issues/?id=${card}&id=${cart}`)
    .set("Authorization", owner.auth)
    .send({ merge: 1 })
    .expect(200);

  const hashes = await request(server.url).get(`/api/0/issues/${card}/hashes/`).set("Authorization", owner.auth);
  expect(hashes.body.map((row: { id: string; eventCount: number }) => [row.id, row.eventCount])).toEqual([
    ["hash-cart", 1],
    ["hash-card", 2],
  ]);

  await request(server.url)
    .delete(`/api/0/issues/${card}/hashes/?id=hash-card`)
    .set("Authorization", owner.auth)
    .expect(202);
  const split = await db.issue.findFirstOrThrow({ where: { primaryHash: "hash-card" } });
  expect(split).toMatchObject({ timesSeen: 2, userCount: 1 });
  // The issue kept the hash it still owns as its own.
  expect(await db.issue.findUniqueOrThrow({ where: { id: card } })).toMatchObject({
    primaryHash: "hash-cart",
    timesSeen: 1,
    userCount: 1,
  });
  const tags = await db.issueTagValue.findMany({ where: { issueId: card, key: "user" } });
  expect(tags.map((tag) => [tag.value, tag.timesSeen])).toEqual([["id:u2", 1]]);
});
