import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import request from "supertest";
import { runCli } from "../support/cli";
import {
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
  worker = startTestWorker(db);
});
afterEach(async () => {
  await server.close();
  await worker.close();
});

const NODE_APP = `
const Sentry = require(${JSON.stringify(require.resolve("@sentry/node"))});
Sentry.init({ dsn: process.argv[2], release: "shop@2.0.0", environment: "e2e" });
Sentry.setUser({ id: "customer-7", email: "customer7@shop.example" });
function chargeCard(order) { throw new TypeError("card declined for order " + order); }
for (const order of [17, 42]) {
  try { chargeCard(order); } catch (error) { Sentry.captureException(error); }
}
try { JSON.parse("{"); } catch (error) { Sentry.captureException(error); }
Sentry.flush(10000).then((ok) => process.exit(ok ? 0 : 1));
`;

describe("automation through the web API", () => {
  it("a CLI token lists @sentry/node errors by search, resolves one and reads its stack trace", async () => {
    const project = JSON.parse(
      await runCli(["create-project", "--org", "e2e", "--name", "Node App", "--platform", "node", "--json"], {
        PUBLIC_URL: server.url,
      }),
    ) as { org: string; project: string; dsn: string };
    await runCli(["create-user", "--email", "ops@example.com", "--password", "a long password", "--superuser"]);
    const { token } = JSON.parse(
      await runCli(["create-token", "--email", "ops@example.com", "--scopes", "read,write", "--json"]),
    ) as { token: string };
    expect(token).toMatch(/^flt_[0-9a-f]{64}$/);
    const auth = `Bearer ${token}`;

    const script = path.join(tmpdir(), `faultline-web-api-app-${process.pid}.js`);
    writeFileSync(script, NODE_APP);
    await promisify(execFile)(process.execPath, [script, project.dsn], { timeout: 30_000 });
    await waitFor(async () => (await db.event.count()) === 3 || undefined, 15_000, "three stored events");

    const api = request(server.url);
    expect((await api.get("/api/0/").set("Authorization", auth)).body.user).toMatchObject({ email: "ops@example.com" });
    const query = encodeURIComponent('is:unresolved release:shop@2.0.0 user.id:customer-7 "card declined"');
    const listed = await api
      .get(`/api/0/projects/${project.org}/${project.project}/issues/?query=${query}`)
      .set("Authorization", auth);
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(1);
    const issue = listed.body[0];
    expect(issue).toMatchObject({
      title: "TypeError: card declined for order 42",
      count: "2",
      userCount: 1,
      status: "unresolved",
    });
    expect(issue.culprit).toContain("chargeCard");

    const resolved = await api
      .put(`/api/0/issues/${issue.id}/`)
      .set("Authorization", auth)
      .send({ status: "resolved" });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe("resolved");
    const remaining = await api
      .get(`/api/0/projects/${project.org}/${project.project}/issues/`)
      .set("Authorization", auth);
    expect(remaining.body.map((row: { title: string }) => row.title)).toEqual([expect.stringContaining("SyntaxError")]);

    const latest = await api.get(`/api/0/issues/${issue.id}/events/latest/`).set("Authorization", auth);
    expect(latest.status).toBe(200);
    const exception = latest.body.entries.find((entry: { type: string }) => entry.type === "exception");
    const frames = exception.data.values[0].stacktrace.frames as { function: string | null; inApp: boolean }[];
    expect(frames.some((frame) => frame.function === "chargeCard" && frame.inApp)).toBe(true);
    expect(latest.body.tags).toContainEqual({ key: "environment", value: "e2e" });
    expect(latest.body.release).toMatchObject({ version: "shop@2.0.0" });
    expect(latest.body.user).toMatchObject({ id: "customer-7" });
  }, 60_000);
});
