import { JOB_NAMES } from "@faultline/core";
import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import request from "supertest";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  startTestWorker,
  waitFor,
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

const EVENT_ID = "9ec79c33ec9942ab8353589fcb2e04dc";
const line = (value: unknown) => JSON.stringify(value);
const item = (headers: Record<string, unknown>, payload: string | Buffer) => {
  const bytes = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
  return Buffer.concat([Buffer.from(`${line({ ...headers, length: bytes.length })}\n`), bytes, Buffer.from("\n")]);
};
const envelope = (header: object, ...items: Buffer[]) => Buffer.concat([Buffer.from(`${line(header)}\n`), ...items]);
const post = (body: Buffer) =>
  request(server.url)
    .post(`/api/${project.projectId}/envelope/`)
    .set("X-Sentry-Auth", `Sentry sentry_key=${project.publicKey}, sentry_version=7`)
    .send(body);

async function outcomes() {
  const rows = await db.outcome.findMany({ orderBy: [{ outcome: "asc" }, { category: "asc" }, { reason: "asc" }] });
  return rows.map((row) => `${row.outcome}/${row.category}/${row.reason}=${row.quantity}`);
}

describe("envelope item types", () => {
  it("stores an event with its attachment, linked by event id", async () => {
    const res = await post(
      envelope(
        { event_id: EVENT_ID },
        item({ type: "event" }, line({ message: "with a file" })),
        item({ type: "attachment", filename: "app.log", content_type: "text/plain" }, "line one\nline two\n"),
      ),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: EVENT_ID });
    await waitForQueueDrained(server.queue);
    const [attachment] = await db.attachment.findMany();
    expect(attachment).toMatchObject({
      filename: "app.log",
      contentType: "text/plain",
      attachmentType: "event.attachment",
      size: 18,
    });
    expect(attachment?.eventId.replace(/-/g, "")).toBe(EVENT_ID);
    expect(Buffer.from(attachment?.data ?? []).toString()).toBe("line one\nline two\n");
    expect(await db.event.count()).toBe(1);
    // The bytes waited in Redis beside the job and are gone once stored.
    expect(await server.redis.keys("fl:blob:*")).toEqual([]);
  });

  it("still stores attachments queued by earlier versions (bytes inline, base64)", async () => {
    await server.queue.enqueue([
      {
        name: JOB_NAMES.storeAttachment,
        data: {
          projectId: project.projectId,
          eventId: EVENT_ID,
          receivedAt: Date.now(),
          filename: "old.log",
          contentType: "text/plain",
          attachmentType: "event.attachment",
          data: Buffer.from("queued before the upgrade").toString("base64"),
        },
      },
    ]);
    await waitForQueueDrained(server.queue);
    const [attachment] = await db.attachment.findMany();
    expect(Buffer.from(attachment?.data ?? []).toString()).toBe("queued before the upgrade");
  });

  it("refuses an attachment over the per-item cap with 413 and stores nothing", async () => {
    await server.close();
    server = await startTestServer(db, { maxAttachmentBytes: 100 });
    const res = await post(
      envelope(
        { event_id: EVENT_ID },
        item({ type: "event" }, "{}"),
        item({ type: "attachment", filename: "big" }, "x".repeat(101)),
      ),
    );
    expect(res.status).toBe(413);
    expect(res.body.detail).toMatch(/size limits for type 'attachment'/);
    const jobs = await server.queue.queue.getJobs(["waiting", "active", "completed"]);
    expect(jobs.filter((job) => job.repeatJobKey === undefined)).toHaveLength(0);
  });

  it("aggregates sessions per release, environment and hour", async () => {
    const started = new Date(Date.now() - 60_000).toISOString();
    const attrs = { release: "shop@1.0", environment: "prod" };
    await post(
      envelope(
        {},
        item(
          { type: "session" },
          line({ sid: "a", did: "user-1", init: true, started, status: "ok", errors: 0, attrs }),
        ),
        item(
          { type: "session" },
          line({ sid: "b", did: "user-2", init: true, started, status: "ok", errors: 0, attrs }),
        ),
      ),
    );
    await post(envelope({}, item({ type: "session" }, line({ sid: "a", started, status: "ok", errors: 1, attrs }))));
    await post(
      envelope(
        {},
        item({ type: "session" }, line({ sid: "a", did: "user-1", started, status: "crashed", errors: 2, attrs })),
      ),
    );
    await post(
      envelope({}, item({ type: "sessions" }, line({ aggregates: [{ started, exited: 3, errored: 1 }], attrs }))),
    );
    await waitForQueueDrained(server.queue);
    const rows = await db.sessionStat.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      release: "shop@1.0",
      environment: "prod",
      total: 6,
      errored: 2,
      crashed: 1,
      abnormal: 0,
    });
    // Distinct users behind crash-free user rates: user-1 crashed, user-2 did not.
    const users = await db.sessionUser.findMany({ orderBy: { did: "asc" }, select: { did: true, crashed: true } });
    expect(users).toEqual([
      { did: "user-1", crashed: true },
      { did: "user-2", crashed: false },
    ]);
  });

  it("stores user reports and feedback, linked to the event's issue", async () => {
    await post(envelope({ event_id: EVENT_ID }, item({ type: "event" }, line({ message: "boom" }))));
    await waitForQueueDrained(server.queue);
    await post(
      envelope(
        { event_id: EVENT_ID },
        item(
          { type: "user_report" },
          line({ event_id: EVENT_ID, name: "Ann", email: "ann@example.com", comments: "it broke" }),
        ),
      ),
    );
    const feedbackId = "1b4fa0e0c1b04ac59a2cce1cb0eb6c31";
    await post(
      envelope(
        { event_id: feedbackId },
        item(
          { type: "feedback" },
          line({
            event_id: feedbackId,
            contexts: {
              feedback: {
                message: "slow page",
                contact_email: "bo@example.com",
                name: "Bo",
                url: "https://x.example/",
              },
            },
          }),
        ),
      ),
    );
    await waitForQueueDrained(server.queue);
    const issue = await db.issue.findFirstOrThrow();
    const rows = await db.userFeedback.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.source, r.name, r.comments, r.issueId])).toEqual([
      ["user_report", "Ann", "it broke", issue.id],
      ["feedback", "Bo", "slow page", null],
    ]);
  });

  it("keeps check-ins per monitor (created by the config); the result updates its in_progress row", async () => {
    const checkIn = { check_in_id: "c2f0ce1334c74564bf6631f6161173f5", monitor_slug: "nightly", release: "1.0" };
    const monitorConfig = { schedule: { type: "crontab", value: "0 3 * * *" } };
    await post(
      envelope(
        {},
        item({ type: "check_in" }, line({ ...checkIn, status: "in_progress", monitor_config: monitorConfig })),
      ),
    );
    await waitForQueueDrained(server.queue);
    await post(envelope({}, item({ type: "check_in" }, line({ ...checkIn, status: "ok", duration: 12.5 }))));
    await waitForQueueDrained(server.queue);
    const rows = await db.monitorCheckIn.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ monitorSlug: "nightly", status: "ok", duration: 12.5 });
  });

  it("accepts and counts transactions and types it does not store; client reports become outcomes", async () => {
    const res = await post(
      envelope(
        { event_id: EVENT_ID },
        item({ type: "transaction" }, line({ type: "transaction", transaction: "/checkout", spans: [] })),
        item({ type: "replay_recording" }, "binary\u0000stuff"),
        item({ type: "profile" }, "{}"),
        item({ type: "statsd" }, "a:1|c"),
        item({ type: "otel_log" }, "{}"),
        item({ type: "something_new" }, "?"),
        item(
          { type: "client_report" },
          line({ discarded_events: [{ reason: "sample_rate", category: "transaction", quantity: 4 }] }),
        ),
        item({ type: "session" }, line({ started: "not a date", attrs: { release: "x" } })),
      ),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: EVENT_ID });
    await waitFor(async () => ((await outcomes()).length >= 8 ? true : undefined), 10_000, "outcomes flushed");
    expect(await outcomes()).toEqual(
      [
        "accepted/metric_bucket/=1",
        "accepted/profile/=1",
        "accepted/replay/=1",
        "accepted/transaction/=1",
        "accepted/unknown/=1",
        "accepted/log_item/=1",
        "client_discarded/transaction/sample_rate=4",
        "invalid/session/session_timestamp=1",
      ].sort((a, b) => a.split("/")[0]!.localeCompare(b.split("/")[0]!) || a.localeCompare(b)),
    );
    expect(await db.event.count()).toBe(0);
  });

  it("counts malformed requests of a known project as invalid with a reason", async () => {
    await post(Buffer.from('{}\n{"type":"event","length":99}\n{}\n'));
    await waitFor(async () => ((await outcomes()).length > 0 ? true : undefined), 10_000, "outcomes flushed");
    expect(await outcomes()).toEqual(["invalid/error/invalid_envelope=1"]);
  });
});
