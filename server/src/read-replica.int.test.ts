import { createDatabase, type Database } from "@faultline/db";
import { Client } from "pg";
import request from "supertest";
import { memberWithToken } from "../../test/support/api";
import { TEMPLATE_DB, databaseUrl } from "../../test/support/databases";
import { storeTestEvent } from "../../test/support/events";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  testUrls,
  type TestServer,
} from "../../test/support/harness";
import { isReplicaReadPath, routeReadsToReplica } from "./read-replica";

// A second database stands in for the replica: made from the test template, given different
// data (so each answer tells which database it came from), then made read-only as a real
// replica is, so any write that reached it would fail the request.
const replicaName = `${new URL(testUrls().databaseUrl).pathname.slice(1)}_replica`;
let admin: Client;
let primary: Database;
let replica: Database;
let server: TestServer;
let auth: string;
let projectId: number;
const events = { primary: "", replica: "" };

async function recreateReplica(): Promise<void> {
  await admin.query(`DROP DATABASE IF EXISTS ${replicaName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${replicaName} TEMPLATE ${TEMPLATE_DB}`);
}

beforeAll(async () => {
  admin = new Client({ connectionString: databaseUrl("postgres") });
  await admin.connect();
  await recreateReplica();
  primary = openDatabase();
  await resetState(primary);
  projectId = (await createTestProject(primary, "Checkout", "acme")).projectId;
  ({ auth } = await memberWithToken(primary, "ana@acme.example", "acme", "member"));
  events.primary = (await storeTestEvent(primary, projectId, { group: "p", title: "Error: on the primary" })).eventId;
  await primary.outcome.create({
    data: { projectId, hour: new Date(), outcome: "accepted", category: "error", quantity: 1 },
  });

  const seed = createDatabase({ url: databaseUrl(replicaName), poolSize: 1 });
  await createTestProject(seed, "Checkout", "acme");
  await seed.project.update({ where: { id: projectId }, data: { name: "Checkout on the replica" } });
  events.replica = (await storeTestEvent(seed, projectId, { group: "r", title: "Error: on the replica" })).eventId;
  await seed.outcome.create({
    data: { projectId, hour: new Date(), outcome: "accepted", category: "error", quantity: 7 },
  });
  await seed.$disconnect();
  await admin.query(`ALTER DATABASE ${replicaName} SET default_transaction_read_only = on`);

  replica = createDatabase({ url: databaseUrl(replicaName), poolSize: 2 });
  server = await startTestServer(routeReadsToReplica(primary, replica));
});

afterAll(async () => {
  await server.close();
  await replica.$disconnect();
  await primary.$disconnect();
  await admin.query(`DROP DATABASE IF EXISTS ${replicaName} WITH (FORCE)`);
  await admin.end();
});

const get = (path: string) => request(server.url).get(path).set("Authorization", auth);

describe("DATABASE_READ_URL", () => {
  it("serves the issue list and detail from the replica", async () => {
    const list = await get("/api/0/projects/acme/checkout/issues/?query=").expect(200);
    expect(list.body.map((issue: { title: string }) => issue.title)).toEqual(["Error: on the replica"]);
    const orgList = await get("/api/0/organizations/acme/issues/?query=").expect(200);
    expect(orgList.body.map((issue: { title: string }) => issue.title)).toEqual(["Error: on the replica"]);
    const detail = await get(`/api/0/issues/${list.body[0].id}/`).expect(200);
    expect(detail.body.title).toBe("Error: on the replica");
  });

  it("serves event lists and details from the replica", async () => {
    const issueEvents = await get("/api/0/issues/1/events/").expect(200);
    expect(issueEvents.body.map((event: { eventID: string }) => event.eventID)).toEqual([events.replica]);
    const projectEvents = await get("/api/0/projects/acme/checkout/events/").expect(200);
    expect(projectEvents.body.map((event: { eventID: string }) => event.eventID)).toEqual([events.replica]);
    await get(`/api/0/projects/acme/checkout/events/${events.replica}/`).expect(200);
    await get(`/api/0/projects/acme/checkout/events/${events.primary}/`).expect(404);
  });

  it("serves projects and statistics from the replica", async () => {
    const projects = await get("/api/0/organizations/acme/projects/").expect(200);
    expect(projects.body.map((project: { name: string }) => project.name)).toEqual(["Checkout on the replica"]);
    const detail = await get("/api/0/projects/acme/checkout/").expect(200);
    expect(detail.body.name).toBe("Checkout on the replica");
    const stats = await get(
      "/api/0/organizations/acme/stats_v2/?field=sum(quantity)&statsPeriod=1d&interval=1h",
    ).expect(200);
    const total = stats.body.groups.reduce(
      (sum: number, group: { totals: Record<string, number> }) => sum + (group.totals["sum(quantity)"] ?? 0),
      0,
    );
    expect(total).toBe(7);
  });

  it("sends writes to the primary, never to the read-only replica", async () => {
    await request(server.url)
      .put("/api/0/issues/1/")
      .set("Authorization", auth)
      .send({ status: "resolved" })
      .expect(200);
    expect((await primary.issue.findUniqueOrThrow({ where: { id: 1n } })).status).toBe("resolved");
    expect((await replica.issue.findUniqueOrThrow({ where: { id: 1n } })).status).toBe("unresolved");
    // The replica refuses writes outright (a write routed there would have failed the request).
    await expect(replica.issue.update({ where: { id: 1n }, data: { title: "x" } })).rejects.toThrow(/read-only/);
  });

  it("reads sign-in, membership and organizations from the primary", async () => {
    // The token and the membership exist only on the primary: the requests above succeeded.
    const orgs = await get("/api/0/organizations/").expect(200);
    expect(orgs.body.map((org: { slug: string }) => org.slug)).toEqual(["acme"]);
    expect(await replica.apiToken.count()).toBe(0);
  });

  it("routes only GET and HEAD of list and detail paths", () => {
    expect(isReplicaReadPath("GET", "/organizations/acme/issues/?query=is:unresolved")).toBe(true);
    expect(isReplicaReadPath("HEAD", "/issues/12/events/latest/")).toBe(true);
    expect(isReplicaReadPath("GET", "/projects/acme/checkout/events/")).toBe(true);
    expect(isReplicaReadPath("GET", "/organizations/acme/stats_v2/")).toBe(true);
    expect(isReplicaReadPath("PUT", "/issues/12/")).toBe(false);
    expect(isReplicaReadPath("POST", "/projects/acme/checkout/keys/")).toBe(false);
    expect(isReplicaReadPath("GET", "/organizations/")).toBe(false);
    expect(isReplicaReadPath("GET", "/organizations/acme/members/")).toBe(false);
  });
});
