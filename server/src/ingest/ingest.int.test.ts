import zlib from "node:zlib";
import { jobsCarriedBy } from "@faultline/core";
import type { Database } from "@faultline/db";
import request from "supertest";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  type TestServer,
} from "../../../test/support/harness";

let db: Database;
let server: TestServer;
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
});
afterEach(async () => {
  await server.close();
});

const EVENT_ID = "9ec79c33ec9942ab8353589fcb2e04dc";
const auth = () => `Sentry sentry_key=${project.publicKey}, sentry_version=7, sentry_client=test/1.0`;
const envelope = (event: object, header: object = { event_id: EVENT_ID }) =>
  `${JSON.stringify(header)}\n${JSON.stringify({ type: "event" })}\n${JSON.stringify(event)}\n`;

async function queuedEventIds(): Promise<string[]> {
  const jobs = await server.queue.queue.getJobs(["waiting", "active", "completed", "delayed"]);
  return jobs
    .flatMap((job) => jobsCarriedBy(job))
    .map((job) => (job.data as { eventId: string }).eventId)
    .sort();
}

describe("POST /api/:projectId/envelope/", () => {
  it("accepts an event with X-Sentry-Auth and queues it before answering", async () => {
    const res = await request(server.url)
      .post(`/api/${project.projectId}/envelope/`)
      .set("X-Sentry-Auth", auth())
      .set("Content-Type", "application/x-sentry-envelope")
      .send(envelope({ message: "hello" }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: EVENT_ID });
    expect(await queuedEventIds()).toEqual([EVENT_ID]);
  });

  it("accepts query-string auth with a text/plain body, as browsers send it", async () => {
    const res = await request(server.url)
      .post(`/api/${project.projectId}/envelope/?sentry_key=${project.publicKey}&sentry_version=7`)
      .set("Content-Type", "text/plain;charset=UTF-8")
      .set("Origin", "http://app.example")
      .send(envelope({ message: "from the browser" }));
    expect(res.status).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    expect(res.headers["access-control-expose-headers"]).toContain("x-sentry-rate-limits");
  });

  it("authenticates from the envelope header's dsn when the request carries none", async () => {
    const dsn = project.dsnFor(server.url);
    const res = await request(server.url)
      .post(`/api/${project.projectId}/envelope/`)
      .send(envelope({ message: "tunnelled" }, { event_id: EVENT_ID, dsn }));
    expect(res.status).toBe(200);
    expect(await queuedEventIds()).toEqual([EVENT_ID]);
  });

  it("accepts gzip bodies and no Content-Type, and answers without the trailing slash", async () => {
    const res = await request(server.url)
      .post(`/api/${project.projectId}/envelope`)
      .set("X-Sentry-Auth", auth())
      .set("Content-Encoding", "gzip")
      .send(zlib.gzipSync(envelope({ message: "compressed" })));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: EVENT_ID });
  });

  it("uses the payload's dashed event id in canonical form and generates one when missing", async () => {
    const dashed = await request(server.url)
      .post(`/api/${project.projectId}/envelope/`)
      .set("X-Sentry-Auth", auth())
      .send(envelope({ event_id: "5B8A6C1E-2F0E-4D2B-9A51-7A0F3C2B1D44", message: "x" }, {}));
    expect(dashed.body).toEqual({ id: "5b8a6c1e2f0e4d2b9a517a0f3c2b1d44" });
    const missing = await request(server.url)
      .post(`/api/${project.projectId}/envelope/`)
      .set("X-Sentry-Auth", auth())
      .send(envelope({ message: "x" }, {}));
    expect(missing.status).toBe(200);
    expect(missing.body.id).toMatch(/^[0-9a-f]{32}$/);
  });

  it("accepts envelopes with no event (sessions, client reports) and answers {}", async () => {
    const body = `{}\n{"type":"session"}\n{"sid":"x","status":"ok"}\n{"type":"client_report"}\n{}\n`;
    const res = await request(server.url)
      .post(`/api/${project.projectId}/envelope/`)
      .set("X-Sentry-Auth", auth())
      .send(body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    expect(await queuedEventIds()).toEqual([]);
  });

  it("answers CORS preflights", async () => {
    const res = await request(server.url)
      .options(`/api/${project.projectId}/envelope/`)
      .set("Origin", "http://app.example")
      .set("Access-Control-Request-Method", "POST")
      .set("Access-Control-Request-Headers", "content-type");
    expect(res.status).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    expect(res.headers["access-control-allow-methods"]).toContain("POST");
    expect(res.headers["access-control-allow-headers"]).toContain("content-type");
  });

  it("collapses duplicate slashes from DSNs with a trailing slash", async () => {
    const res = await request(server.url)
      .post(`//api/${project.projectId}/envelope/`)
      .set("X-Sentry-Auth", auth())
      .send(envelope({ message: "x" }));
    expect(res.status).toBe(200);
  });
});

describe("refusals", () => {
  const post = (path: string) => request(server.url).post(path);

  it.each([
    [
      "no credentials at all",
      () => post(`/api/${project.projectId}/envelope/`).send(envelope({})),
      401,
      /missing authorization/,
    ],
    [
      "an unknown key",
      () =>
        post(`/api/${project.projectId}/envelope/`)
          .set("X-Sentry-Auth", `Sentry sentry_key=${"0".repeat(32)}`)
          .send(envelope({})),
      401,
      /unknown public key/,
    ],
    [
      "a malformed key",
      () => post(`/api/${project.projectId}/envelope/?sentry_key=bad%20key`).send(envelope({})),
      400,
      /public key/,
    ],
    [
      "a project id that is not a number",
      () => post(`/api/abc/envelope/`).set("X-Sentry-Auth", auth()).send(envelope({})),
      400,
      /bad project path/,
    ],
    [
      "a protocol version above 7",
      () =>
        post(`/api/${project.projectId}/envelope/`)
          .set("X-Sentry-Auth", `${auth()}, sentry_version=8`.replace("sentry_version=7, ", ""))
          .send(envelope({})),
      400,
      /unsupported protocol version/,
    ],
    [
      "an empty body",
      () =>
        post(`/api/${project.projectId}/envelope/`)
          .set("X-Sentry-Auth", auth())
          .set("Content-Type", "text/plain")
          .send(""),
      400,
      /empty request body/,
    ],
    [
      "a broken envelope header",
      () => post(`/api/${project.projectId}/envelope/`).set("X-Sentry-Auth", auth()).send("not json\n"),
      400,
      /invalid envelope: envelope header is not valid JSON/,
    ],
    [
      "an event item that is not JSON",
      () =>
        post(`/api/${project.projectId}/envelope/`).set("X-Sentry-Auth", auth()).send('{}\n{"type":"event"}\n{oops\n'),
      400,
      /item 0 \(event\) is not valid JSON/,
    ],
    [
      "a wrong length",
      () =>
        post(`/api/${project.projectId}/envelope/`)
          .set("X-Sentry-Auth", auth())
          .send('{}\n{"type":"event","length":99}\n{}\n'),
      400,
      /"length" is 99/,
    ],
    [
      "an unsupported encoding",
      () =>
        post(`/api/${project.projectId}/envelope/`)
          .set("X-Sentry-Auth", auth())
          .set("Content-Encoding", "compress")
          .send("x"),
      415,
      /unsupported content encoding/,
    ],
    [
      "gzip that is not gzip",
      () =>
        post(`/api/${project.projectId}/envelope/`)
          .set("X-Sentry-Auth", auth())
          .set("Content-Encoding", "gzip")
          .send("plain text"),
      400,
      /could not decode gzip/,
    ],
    [
      "a store body that is not JSON",
      () => post(`/api/${project.projectId}/store/`).set("X-Sentry-Auth", auth()).send("{nope"),
      400,
      /event is not valid JSON/,
    ],
    [
      "a store body that is a JSON array",
      () => post(`/api/${project.projectId}/store/`).set("X-Sentry-Auth", auth()).send("[1,2]"),
      400,
      /must be a JSON object/,
    ],
  ])("%s gets the right status and a detail", async (_label, send, status, detail) => {
    const res = await send().then((r) => r);
    expect(res.status).toBe(status);
    expect(res.body.detail).toMatch(detail);
    expect(res.headers["x-sentry-error"]).toBe(res.body.detail);
    expect(await queuedEventIds()).toEqual([]);
  });

  it("refuses a key used for another project with 403", async () => {
    const other = await createTestProject(db, "Other");
    const res = await request(server.url)
      .post(`/api/${other.projectId}/envelope/`)
      .set("X-Sentry-Auth", auth())
      .send(envelope({}));
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/does not belong to this project/);
  });

  it("refuses a disabled key with 403", async () => {
    await db.projectKey.update({ where: { publicKey: project.publicKey }, data: { isActive: false } });
    const res = await request(server.url)
      .post(`/api/${project.projectId}/envelope/`)
      .set("X-Sentry-Auth", auth())
      .send(envelope({}));
    expect(res.status).toBe(403);
  });

  it("refuses an event over the size limit with 413 and stores nothing", async () => {
    await server.close();
    server = await startTestServer(db, { maxEventBytes: 1000 });
    const res = await request(server.url)
      .post(`/api/${project.projectId}/store/`)
      .set("X-Sentry-Auth", auth())
      .send(JSON.stringify({ message: "x".repeat(5000) }));
    expect(res.status).toBe(413);
    expect(await queuedEventIds()).toEqual([]);
  });

  it("refuses an envelope whose dsn names another key than the request", async () => {
    const other = await createTestProject(db, "Other");
    const res = await request(server.url)
      .post(`/api/${project.projectId}/envelope/`)
      .set("X-Sentry-Auth", auth())
      .send(envelope({}, { dsn: other.dsnFor(server.url) }));
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/mismatch/);
  });
});

describe("POST /api/:projectId/store/", () => {
  it("accepts a gzip JSON event and answers with its id", async () => {
    const res = await request(server.url)
      .post(`/api/${project.projectId}/store/`)
      .set("X-Sentry-Auth", auth())
      .set("Content-Encoding", "gzip")
      .send(zlib.gzipSync(JSON.stringify({ event_id: EVENT_ID, message: "hi" })));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: EVENT_ID });
    expect(await queuedEventIds()).toEqual([EVENT_ID]);
  });

  it("accepts legacy base64(zlib(json)) bodies from raven clients", async () => {
    const body = zlib.deflateSync(JSON.stringify({ event_id: EVENT_ID, message: "raven" })).toString("base64");
    const res = await request(server.url)
      .post(`/api/${project.projectId}/store/`)
      .set("X-Sentry-Auth", `Sentry sentry_key=${project.publicKey}, sentry_version=5, sentry_client=raven-ruby/2.0`)
      .set("Content-Type", "application/octet-stream")
      .send(body);
    expect(res.status).toBe(200);
    expect(await queuedEventIds()).toEqual([EVENT_ID]);
  });

  it("repairs NaN and Infinity from Python clients", async () => {
    const res = await request(server.url)
      .post(`/api/${project.projectId}/store/`)
      .set(
        "X-Sentry-Auth",
        `Sentry sentry_key=${project.publicKey}, sentry_version=7, sentry_client=sentry.python/1.9.10`,
      )
      .send(`{"event_id":"${EVENT_ID}","extra":{"ratio":NaN,"max":Infinity},"message":"x"}`);
    expect(res.status).toBe(200);
  });
});
