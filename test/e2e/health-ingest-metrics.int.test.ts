/** /metrics splits what ingest refuses by reason: whole requests, and the items inside them. */
import type { Database } from "@faultline/db";
import request from "supertest";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  waitFor,
  type TestServer,
} from "../support/harness";

let db: Database;
let server: TestServer;

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  server = await startTestServer(db);
});
afterAll(async () => {
  await server.close();
  await db.$disconnect();
});

/** The value of one series on /metrics, 0 while it is absent. */
async function metric(name: string, labels: string): Promise<number> {
  const text = (await request(server.url).get("/metrics").expect(200)).text;
  const line = text.split("\n").find((l) => l.startsWith(`${name}{${labels}} `));
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
}

/** Waits for a series to reach a value: requests are counted when their answer has gone out. */
async function metricReaches(name: string, labels: string, value: number): Promise<void> {
  await waitFor(async () => (await metric(name, labels)) >= value, 5000, `${name}{${labels}} to reach ${value}`);
}

it("counts refused requests by reason, and the invalid ones' items by their reason", async () => {
  const project = await createTestProject(db);
  const unauthorized = 'endpoint="envelope",reason="unauthorized"';
  const before = await metric("faultline_ingest_refused_requests_total", unauthorized);
  await request(server.url).post(`/api/${project.projectId}/envelope/`).send("{}\n").expect(401);
  await metricReaches("faultline_ingest_refused_requests_total", unauthorized, before + 1);

  await request(server.url)
    .post(`/api/${project.projectId}/store/`)
    .set("X-Sentry-Auth", `Sentry sentry_key=${project.publicKey}`)
    .set("Content-Type", "application/json")
    .send("{not json")
    .expect(400);
  await metricReaches("faultline_ingest_refused_requests_total", 'endpoint="store",reason="invalid"', 1);
  await metricReaches("faultline_ingest_outcomes_total", 'outcome="invalid",category="error",reason="invalid_json"', 1);
});

it("counts items by outcome, category and reason", async () => {
  const project = await createTestProject(db, "Outcomes");
  await request(server.url)
    .post(`/api/${project.projectId}/envelope/`)
    .set("X-Sentry-Auth", `Sentry sentry_key=${project.publicKey}`)
    .send('{}\n{"type":"event"}\n{"message":"hello"}\n{"type":"event"}\n{not json\n')
    .expect(200);
  await waitFor(
    async () =>
      (await metric("faultline_ingest_outcomes_total", 'outcome="invalid",category="error",reason="invalid_json"')) >=
        1 && (await metric("faultline_ingest_outcomes_total", 'outcome="accepted",category="error",reason=""')) >= 1,
    5000,
    "the outcomes to be counted",
  );
});
