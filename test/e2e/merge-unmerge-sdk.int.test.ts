import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import request from "supertest";
import { memberWithToken } from "../support/api";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  startTestWorker,
  waitFor,
  type TestServer,
} from "../support/harness";

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
  worker = startTestWorker(db, 2);
});
afterEach(async () => {
  await server.close();
  await worker.close();
});

// The SDK runs in its own process, as in an application. `charge` throws from chargeCard (user
// u1, twice); `ship` throws from shipOrder (user u2): two different stacks, two issues.
const NODE_APP = `
const Sentry = require(${JSON.stringify(require.resolve("@sentry/node"))});
Sentry.init({ dsn: process.argv[2], release: "shop@1.0.0", environment: "production" });
function chargeCard(order) { throw new TypeError("card declined for order " + order); }
function shipOrder(order) { throw new RangeError("no carrier for order " + order); }
const mode = process.argv[3];
if (mode === "charge") {
  Sentry.setUser({ id: "u1" });
  for (const order of [17, 42]) {
    try { chargeCard(order); } catch (error) { Sentry.captureException(error); }
  }
} else {
  Sentry.setUser({ id: "u2" });
  try { shipOrder(7); } catch (error) { Sentry.captureException(error); }
}
Sentry.flush(10000).then((ok) => process.exit(ok ? 0 : 1));
`;

async function runApp(dsn: string, mode: "charge" | "ship", expectedEvents: number) {
  const script = path.join(tmpdir(), `faultline-merge-app-${process.pid}.js`);
  writeFileSync(script, NODE_APP);
  await promisify(execFile)(process.execPath, [script, dsn, mode], { timeout: 30_000 });
  await waitFor(
    async () => (await db.event.count()) === expectedEvents || undefined,
    20_000,
    `${expectedEvents} events`,
  );
}

const api = () => request(server.url);

it("merges two SDK issues, keeps new events in the parent, and unmerges a hash into a new issue", async () => {
  const project = await createTestProject(db, "Shop");
  const dsn = project.dsnFor(server.url);
  const owner = await memberWithToken(db, "owner@example.com", "acme", "owner");
  const viewer = await memberWithToken(db, "viewer@example.com", "acme", "viewer");
  const rival = await memberWithToken(db, "rival@example.com", "rival", "owner");
  await createTestProject(db, "Other", "rival");

  await runApp(dsn, "charge", 2);
  await runApp(dsn, "ship", 3);
  const charge = await db.issue.findFirstOrThrow({ where: { title: { startsWith: "TypeError" } } });
  const ship = await db.issue.findFirstOrThrow({ where: { title: { startsWith: "RangeError" } } });
  const mergePath = `/api/0/projects/acme/shop/issues/?id=${charge.id}&id=${ship.id}`;

  // A viewer may not merge; another organization's ids match nothing there.
  const denied = await api().put(mergePath).set("Authorization", viewer.auth).send({ merge: 1 });
  expect(denied.status).toBe(403);
  const foreign = await api()
    .put(`/api/0/organizations/rival/issues/?id=${charge.id}&id=${ship.id}`)
    .set("Authorization", rival.auth)
    .send({ merge: 1 });
  expect(foreign.status).toBe(404);
  expect(await db.issue.count()).toBe(2);

  const merged = await api().put(mergePath).set("Authorization", owner.auth).send({ merge: 1 });
  expect(merged.status).toBe(200);
  // Sentry keeps the issue seen first (the charge errors were sent first).
  expect(merged.body).toEqual({ merge: { parent: String(charge.id), children: [String(ship.id)] } });

  const parent = await api().get(`/api/0/issues/${charge.id}/`).set("Authorization", owner.auth);
  expect(parent.body).toMatchObject({ count: "3", userCount: 2 });
  expect((await api().get(`/api/0/issues/${ship.id}/`).set("Authorization", owner.auth)).status).toBe(404);
  expect(await db.event.count({ where: { issueId: charge.id } })).toBe(3);
  const hourly = await db.issueHourlyCount.aggregate({ where: { issueId: charge.id }, _sum: { count: true } });
  expect(hourly._sum.count).toBe(3);
  const userTag = await db.issueTagValue.findMany({
    where: { issueId: charge.id, key: "user" },
    orderBy: { value: "asc" },
  });
  expect(userTag.map((row) => [row.value, row.timesSeen])).toEqual([
    ["id:u1", 2],
    ["id:u2", 1],
  ]);
  const activity = await api().get(`/api/0/issues/${charge.id}/activities/`).set("Authorization", owner.auth);
  expect(activity.body.activity).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        type: "merge",
        data: expect.objectContaining({ issues: [expect.objectContaining({ id: String(ship.id) })] }),
      }),
    ]),
  );
  const audit = await db.auditLogEntry.findFirstOrThrow({ where: { event: "issue.merge" } });
  expect(audit.data).toMatchObject({ parent: String(charge.id), children: [String(ship.id)] });

  // Grouping learned the merge: a new shipOrder error lands in the parent.
  await runApp(dsn, "ship", 4);
  expect(await db.issue.count({ where: { projectId: project.projectId } })).toBe(1);
  expect(await db.event.count({ where: { issueId: charge.id } })).toBe(4);

  const hashes = await api().get(`/api/0/issues/${charge.id}/hashes/`).set("Authorization", owner.auth);
  expect(hashes.status).toBe(200);
  expect(hashes.body).toHaveLength(2);
  // Newest first: the shipOrder hash, whose latest event is the one just sent.
  const [shipHash, chargeHash] = hashes.body as {
    id: string;
    latestEvent: { title: string; groupID: string };
    eventCount: number;
  }[];
  expect(shipHash).toMatchObject({ id: ship.primaryHash, eventCount: 2, mergedBySeer: false });
  expect(shipHash?.latestEvent.title).toMatch(/^RangeError: no carrier for order 7$/);
  expect(chargeHash).toMatchObject({ id: charge.primaryHash, eventCount: 2 });

  const unmergePath = `/api/0/issues/${charge.id}/hashes/?id=${ship.primaryHash}`;
  expect((await api().delete(unmergePath).set("Authorization", viewer.auth)).status).toBe(403);
  expect(
    (
      await api()
        .delete(`/api/0/organizations/rival/issues/${charge.id}/hashes/?id=${ship.primaryHash}`)
        .set("Authorization", rival.auth)
    ).status,
  ).toBe(404);
  const refused = await api()
    .delete(`/api/0/issues/${charge.id}/hashes/?id=${ship.primaryHash}&id=${charge.primaryHash}`)
    .set("Authorization", owner.auth);
  expect(refused.status).toBe(400);
  const unmerged = await api()
    .delete(`/api/0/organizations/acme/issues/${charge.id}/hashes/?id=${ship.primaryHash}`)
    .set("Authorization", owner.auth);
  expect(unmerged.status).toBe(202);

  const split = await db.issue.findFirstOrThrow({ where: { projectId: project.projectId, NOT: { id: charge.id } } });
  // A new issue with the project's next number (the first two were 1 and 2).
  expect(split).toMatchObject({
    shortId: 3,
    timesSeen: 2,
    userCount: 1,
    primaryHash: ship.primaryHash,
    status: "unresolved",
  });
  expect(split.title).toMatch(/^RangeError/);
  expect(await db.event.count({ where: { issueId: split.id } })).toBe(2);
  const after = await db.issue.findUniqueOrThrow({ where: { id: charge.id } });
  expect(after).toMatchObject({ timesSeen: 2, userCount: 1 });
  expect(await db.issueUser.findMany({ where: { issueId: charge.id }, select: { userKey: true } })).toEqual([
    { userKey: "id:u1" },
  ]);
  const chargeHourly = await db.issueHourlyCount.aggregate({ where: { issueId: charge.id }, _sum: { count: true } });
  expect(chargeHourly._sum.count).toBe(2);
  expect(await db.issueActivity.findFirst({ where: { issueId: charge.id, type: "unmerge_source" } })).toMatchObject({
    data: { destination_id: String(split.id), fingerprints: [ship.primaryHash] },
  });
  expect(await db.issueActivity.findFirst({ where: { issueId: split.id, type: "unmerge_destination" } })).toMatchObject(
    {
      data: { source_id: String(charge.id) },
    },
  );
  expect(await db.auditLogEntry.count({ where: { event: "issue.unmerge" } })).toBe(1);

  // The hash now leads to the new issue.
  await runApp(dsn, "ship", 5);
  expect(await db.event.count({ where: { issueId: split.id } })).toBe(3);
  expect((await db.issue.findUniqueOrThrow({ where: { id: split.id } })).timesSeen).toBe(3);
});
