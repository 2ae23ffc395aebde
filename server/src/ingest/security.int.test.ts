import { readFileSync } from "node:fs";
import path from "node:path";
import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import request from "supertest";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  startTestWorker,
  waitForQueueDrained,
  type TestServer,
} from "../../../test/support/harness";

let db: Database;
let server: TestServer;
let worker: RunningWorker;
let project: Awaited<ReturnType<typeof createTestProject>>;

beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  project = await createTestProject(db);
  server = await startTestServer(db);
  worker = startTestWorker(db);
});
afterEach(async () => {
  await server.close();
  await worker.close();
});

const mozilla = readFileSync(path.join(__dirname, "../../../test/fixtures/upstream/csp-mozilla-example.json"));

describe("POST /api/:projectId/security/", () => {
  it("turns CSP reports into csp issues grouped by directive and blocked host", async () => {
    const url = `/api/${project.projectId}/security/?sentry_key=${project.publicKey}&sentry_environment=prod`;
    for (const page of ["signup", "login"]) {
      const body = mozilla.toString().replace("signup.html", `${page}.html`);
      const res = await request(server.url).post(url).set("Content-Type", "application/csp-report").send(body);
      expect(res.status).toBe(200);
      expect(res.text).toBe("");
    }
    const other = JSON.parse(mozilla.toString()) as { "csp-report": Record<string, string> };
    other["csp-report"]["blocked-uri"] = "https://cdn.evil.example/x.css";
    await request(server.url)
      .post(`/api/${project.projectId}/csp-report/?sentry_key=${project.publicKey}`)
      .set("Content-Type", "application/json")
      .send(JSON.stringify(other));
    await waitForQueueDrained(server.queue);
    const issues = await db.issue.findMany({ orderBy: { timesSeen: "desc" } });
    expect(issues.map((i) => [i.type, i.title, i.timesSeen])).toEqual([
      ["csp", "Blocked 'style' from 'example.com'", 2],
      ["csp", "Blocked 'style' from 'cdn.evil.example'", 1],
    ]);
    const event = await db.event.findFirstOrThrow({ where: { issueId: issues[0]?.id } });
    expect(event.environment).toBe("prod");
  });

  it("accepts report-to (Reporting API) batches", async () => {
    const res = await request(server.url)
      .post(`/api/${project.projectId}/security/?sentry_key=${project.publicKey}`)
      .set("Content-Type", "application/reports+json")
      .send(
        JSON.stringify([
          {
            type: "csp-violation",
            url: "https://app.example/",
            body: { documentURL: "https://app.example/", blockedURL: "eval", effectiveDirective: "script-src" },
          },
        ]),
      );
    expect(res.status).toBe(200);
    await waitForQueueDrained(server.queue);
    expect((await db.issue.findFirstOrThrow()).title).toBe("Blocked unsafe eval() 'script'");
  });

  it.each([
    ["text/plain", "{}", 415, /unsupported content type/],
    ["application/json", "{oops", 400, /not valid JSON/],
    ["application/json", '{"nothing":1}', 400, /unknown security report/],
  ])("answers %s %s with %d", async (type, body, status, detail) => {
    const res = await request(server.url)
      .post(`/api/${project.projectId}/security/?sentry_key=${project.publicKey}`)
      .set("Content-Type", type)
      .send(body);
    expect(res.status).toBe(status);
    expect(res.body.detail).toMatch(detail);
  });
});

describe("POST /api/:projectId/minidump/", () => {
  const dump = Buffer.concat([Buffer.from("MDMP"), Buffer.alloc(60, 1)]);

  it("keeps a multipart minidump as an attachment of a native crash event and answers the dashed id", async () => {
    const res = await request(server.url)
      .post(`/api/${project.projectId}/minidump/?sentry_key=${project.publicKey}`)
      .field("sentry", JSON.stringify({ release: "app@2.0" }))
      .attach("upload_file_minidump", dump, "crash.dmp");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await waitForQueueDrained(server.queue);
    const event = await db.event.findFirstOrThrow();
    expect(event).toMatchObject({ platform: "native", level: "fatal", release: "app@2.0" });
    expect(event.eventId).toBe(res.text);
    const attachment = await db.attachment.findFirstOrThrow();
    expect(attachment).toMatchObject({ attachmentType: "event.minidump", size: dump.length });
  });

  it("accepts a raw minidump body and refuses something that is not one", async () => {
    const url = `/api/${project.projectId}/minidump?sentry_key=${project.publicKey}`;
    const ok = await request(server.url).post(url).set("Content-Type", "application/octet-stream").send(dump);
    expect(ok.status).toBe(200);
    const bad = await request(server.url).post(url).set("Content-Type", "application/octet-stream").send("not a dump");
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/MDMP/);
  });
});
