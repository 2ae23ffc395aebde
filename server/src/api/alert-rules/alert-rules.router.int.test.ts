import type { Database } from "@faultline/db";
import { createAlertsQueue, createProducerRedis, waitForRedis, type AlertsQueue } from "@faultline/runtime";
import type { RunningWorker } from "@faultline/worker";
import express, { type Express } from "express";
import type { Redis } from "ioredis";
import request from "supertest";
import { testNotifySettings } from "../../../../test/support/alerts";
import {
  createTestProject,
  openDatabase,
  resetState,
  silentLog,
  startTestWorker,
  testUrls,
  waitFor,
} from "../../../../test/support/harness";
import { startSmtpReceiver, type SmtpReceiver } from "../../../../test/support/notify-receivers";
import { createErrorHandler } from "../../http/error-handler";
import { createAlertRulesRouter } from "./alert-rules.router";
import { createAlertRulesService } from "./alert-rules.service";

let db: Database;
let redis: Redis;
let queue: AlertsQueue;
let smtp: SmtpReceiver;
let worker: RunningWorker;
let app: Express;

const RULE = {
  name: "New errors to on-call",
  triggers: [{ type: "first_seen" }],
  actions: [
    { type: "email", targets: ["oncall@example.com"] },
    { type: "webhook", url: "https://hooks.example.com/x", secret: "s3cret-value" },
  ],
};

/** Stands in for the /api/0 auth middleware: resolves {org}/{project} into res.locals.project. */
function testApp(): Express {
  const service = createAlertRulesService({ db, queue, publicUrl: "https://faultline.example.com" });
  const application = express();
  application.use("/api/0/projects/:org/:project", (req, res, next) => {
    db.project
      .findFirst({ where: { slug: req.params.project, organization: { slug: req.params.org } }, select: { id: true } })
      .then((project) => {
        if (!project) res.status(404).json({ detail: "project not found" });
        else {
          res.locals.project = project;
          next();
        }
      }, next);
  });
  application.use("/api/0", createAlertRulesRouter(service));
  application.use(createErrorHandler(silentLog));
  return application;
}

beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  redis = createProducerRedis(testUrls().redisUrl);
  await waitForRedis(redis, 5000);
  queue = createAlertsQueue(redis, { attempts: 2, backoffMs: 50, maxBackoffMs: 100 });
  smtp = await startSmtpReceiver();
  worker = startTestWorker(db, 2, {
    notify: testNotifySettings({ email: { smtpUrl: smtp.url, from: "alerts@faultline.example.com" } }),
  });
  app = testApp();
});
afterEach(async () => {
  await worker.close();
  await queue.close();
  redis.disconnect();
  await smtp.close();
});

describe("alert rules API", () => {
  it("creates, lists, reads, updates and deletes; webhook secrets are never shown", async () => {
    await createTestProject(db, "Checkout API");
    const base = "/api/0/projects/acme/checkout-api/alert-rules/";
    const created = await request(app).post(base).send(RULE).expect(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      name: RULE.name,
      enabled: true,
      triggerMatch: "any",
      filters: [],
      actionIntervalMinutes: 60,
      digestMinutes: 0,
      snoozedUntil: null,
      lastFired: null,
      actions: [
        RULE.actions[0],
        { type: "webhook", url: "https://hooks.example.com/x", secret: "********", format: "json" },
      ],
    });
    const id = created.body.id as string;
    expect((await request(app).get(base).expect(200)).body).toHaveLength(1);
    await request(app).get(`${base}${id}/`).expect(200);

    const updated = await request(app)
      .put(`${base}${id}/`)
      .send({ enabled: false, actions: created.body.actions, snoozedUntil: "2030-01-01T00:00:00Z" })
      .expect(200);
    expect(updated.body).toMatchObject({ enabled: false, name: RULE.name, snoozedUntil: "2030-01-01T00:00:00.000Z" });
    const stored = await db.alertRule.findUniqueOrThrow({ where: { id: Number(id) } });
    expect(JSON.stringify(stored.actions)).toContain("s3cret-value");

    await request(app).delete(`${base}${id}/`).expect(204);
    await request(app).get(`${base}${id}/`).expect(404, { detail: "alert rule not found" });
  });

  it("answers 400 naming the field for invalid rules", async () => {
    await createTestProject(db, "Checkout API");
    const base = "/api/0/projects/acme/checkout-api/alert-rules/";
    const bad = await request(app)
      .post(base)
      .send({ ...RULE, triggers: [{ type: "event_frequency", value: 10, interval: "soon" }] })
      .expect(400);
    expect(bad.body.detail).toMatch(/^triggers\[0\]\.interval: /);
    const badSms = await request(app)
      .post(base)
      .send({ ...RULE, actions: [{ type: "sms", targets: ["0551234"] }] })
      .expect(400);
    expect(badSms.body.detail).toMatch(/^actions\[0\]\.targets\[0\]: must be a phone number in E\.164/);
    const created = await request(app).post(base).send(RULE).expect(201);
    await request(app).put(`${base}${created.body.id}/`).send({ digestMinutes: "soon" }).expect(400);
    await request(app).post(base).set("Content-Type", "application/json").send("{nope").expect(400);
  });

  it("never reaches another project's rules", async () => {
    await createTestProject(db, "Checkout API");
    await createTestProject(db, "Other", "other-org");
    const created = await request(app).post("/api/0/projects/acme/checkout-api/alert-rules/").send(RULE).expect(201);
    const other = `/api/0/projects/other-org/other/alert-rules/${created.body.id}/`;
    await request(app).get(other).expect(404);
    await request(app).put(other).send({ name: "mine" }).expect(404);
    await request(app).delete(other).expect(404);
    await request(app).post(`${other}test/`).expect(404);
    await request(app).get(`${other}history/`).expect(404);
    await request(app).get("/api/0/projects/acme/checkout-api/alert-rules/abc/").expect(404);
  });

  it("sends a test through every action, lists it in the delivery log, and retries a failed one", async () => {
    await createTestProject(db, "Checkout API");
    const base = "/api/0/projects/acme/checkout-api";
    const created = await request(app)
      .post(`${base}/alert-rules/`)
      .send({ ...RULE, actions: [{ type: "email", targets: ["oncall@example.com", "refused@example.com"] }] })
      .expect(201);
    smtp.refuseRecipient("refused@example.com", 550, "no such user");
    const sent = await request(app).post(`${base}/alert-rules/${created.body.id}/test/`).expect(202);
    expect(sent.body.deliveries).toHaveLength(2);
    await waitFor(async () => smtp.mails.length === 1, 10_000, "the test email");
    expect(smtp.mails[0]?.parsed.subject).toMatch(/^\[Test\] \[acme\/checkout-api\] /);

    const log = await waitFor(async () => {
      const response = await request(app).get(`${base}/notifications/`).expect(200);
      const rows = response.body as {
        status: string;
        target: string;
        id: string;
        kind: string;
        lastError: string | null;
      }[];
      return rows.every((row) => row.status !== "queued") ? rows : undefined;
    });
    const failed = log.find((row) => row.target === "refused@example.com");
    expect(failed).toMatchObject({ status: "failed", kind: "test", lastError: expect.stringContaining("550") });
    expect((await request(app).get(`${base}/notifications/?status=failed`).expect(200)).body).toHaveLength(1);
    await request(app).get(`${base}/notifications/?status=lost`).expect(400);

    const sentRow = log.find((row) => row.status === "sent");
    await request(app).post(`${base}/notifications/${sentRow?.id}/retry/`).expect(404);
    smtp.refuseRecipient("refused@example.com", 0, "");
    const retried = await request(app).post(`${base}/notifications/${failed?.id}/retry/`).expect(202);
    expect(retried.body.status).toBe("queued");
    const row = await waitFor(async () => {
      const delivery = await db.notificationDelivery.findUniqueOrThrow({ where: { id: BigInt(failed?.id ?? "0") } });
      return delivery.status === "sent" ? delivery : undefined;
    });
    expect(row).toMatchObject({ attempts: 2, lastError: null });
    expect(smtp.mails.map((mail) => mail.to[0])).toEqual(["oncall@example.com", "refused@example.com"]);
  });

  it("says which setting lets a webhook reach a non-public address when a test is refused", async () => {
    await createTestProject(db, "Checkout API");
    const base = "/api/0/projects/acme/checkout-api";
    const created = await request(app)
      .post(`${base}/alert-rules/`)
      .send({ ...RULE, actions: [{ type: "webhook", url: "http://10.1.2.3:8080/hook", secret: "s3cret-value" }] })
      .expect(201);
    await request(app).post(`${base}/alert-rules/${created.body.id}/test/`).expect(202);
    const [row] = await waitFor(async () => {
      const rows = (await request(app).get(`${base}/notifications/`).expect(200)).body as {
        status: string;
        lastError: string | null;
      }[];
      return rows.length === 1 && rows[0]?.status !== "queued" ? rows : undefined;
    });
    expect(row).toMatchObject({
      status: "failed",
      lastError: "refused: 10.1.2.3 is not a public address; allow it with WEBHOOK_ALLOWED_HOSTS",
    });
  });

  it("lists a rule's firings in its history", async () => {
    const project = await createTestProject(db, "Checkout API");
    const created = await request(app).post("/api/0/projects/acme/checkout-api/alert-rules/").send(RULE).expect(201);
    const issue = await db.issue.create({
      data: {
        projectId: project.projectId,
        shortId: 1,
        primaryHash: "h",
        title: "Boom",
        firstSeen: new Date(),
        lastSeen: new Date(),
      },
    });
    await db.alertFiring.create({
      data: {
        ruleId: Number(created.body.id),
        projectId: project.projectId,
        issueId: issue.id,
        eventId: "a".repeat(32),
        triggers: ["first_seen"],
      },
    });
    const history = await request(app)
      .get(`/api/0/projects/acme/checkout-api/alert-rules/${created.body.id}/history/`)
      .expect(200);
    const listed = await request(app).get("/api/0/projects/acme/checkout-api/alert-rules/").expect(200);
    expect(listed.body[0].lastFired).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(history.body).toEqual([
      expect.objectContaining({
        issueId: String(issue.id),
        eventId: "a".repeat(32),
        triggers: ["first_seen"],
        deliveries: [],
      }),
    ]);
  });
});
