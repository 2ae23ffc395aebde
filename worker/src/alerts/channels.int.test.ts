import { verifyWebhookSignature } from "@faultline/core";
import type { Database } from "@faultline/db";
import { notificationsSent, type IngestQueue } from "@faultline/runtime";
import { createRule, errorJob, testNotifySettings } from "../../../test/support/alerts";
import {
  createTestProject,
  openDatabase,
  openTestQueue,
  resetState,
  startTestWorker,
  waitFor,
} from "../../../test/support/harness";
import {
  startHttpReceiver,
  startSmtpReceiver,
  twilioMessageResponse,
  type HttpReceiver,
  type SmtpReceiver,
} from "../../../test/support/notify-receivers";
import type { NotifySettings } from "../notify/settings";
import type { RunningWorker } from "../runtime";

const SID = `AC${"a1".repeat(16)}`;
const TOKEN = "test-auth-token";

let db: Database;
let queue: IngestQueue;
let worker: RunningWorker | undefined;
let smtp: SmtpReceiver;
let http: HttpReceiver;
let projectId: number;

beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  projectId = (await createTestProject(db, "Checkout API")).projectId;
  queue = await openTestQueue();
  smtp = await startSmtpReceiver();
  http = await startHttpReceiver();
});
afterEach(async () => {
  await worker?.close();
  worker = undefined;
  await queue.close();
  await smtp.close();
  await http.close();
});

function startWorker(overrides: Partial<NotifySettings> = {}) {
  worker = startTestWorker(db, 4, {
    notify: testNotifySettings({
      email: { smtpUrl: smtp.url, from: "Faultline <alerts@faultline.example.com>" },
      ...overrides,
    }),
  });
}

async function deliveries() {
  return db.notificationDelivery.findMany({ orderBy: { id: "asc" } });
}

/** faultline_notifications_total for one channel and result (the registry is per process). */
async function notificationCount(channel: string, result: "sent" | "failed"): Promise<number> {
  const { values } = await notificationsSent.get();
  return values.find((v) => v.labels.channel === channel && v.labels.result === result)?.value ?? 0;
}

async function settled(count: number) {
  return waitFor(
    async () => {
      const rows = await deliveries();
      return rows.length === count && rows.every((row) => row.status !== "queued") ? rows : undefined;
    },
    15_000,
    `${count} settled deliveries`,
  );
}

describe("email", () => {
  it("sends a real SMTP message with a scannable subject, both bodies and the link", async () => {
    await createRule(db, projectId, {
      triggers: [{ type: "first_seen" }],
      actions: [{ type: "email", targets: ["Oncall@Example.com", "dev@example.com"] }],
    });
    startWorker();
    await queue.enqueueEvent(errorJob(projectId));
    const [first, second] = await settled(2);
    expect(first).toMatchObject({ channel: "email", target: "oncall@example.com", status: "sent", attempts: 1 });
    expect(second).toMatchObject({ target: "dev@example.com", status: "sent" });
    expect(smtp.mails).toHaveLength(2);
    const mail = smtp.mails.find((m) => m.to.includes("oncall@example.com"));
    const issue = await db.issue.findFirstOrThrow();
    const link = `https://faultline.example.com/organizations/acme/issues/${issue.id}/`;
    expect(mail?.from).toBe("alerts@faultline.example.com");
    expect(mail?.parsed.subject).toBe("[acme/checkout-api] New issue · ERROR · TypeError: card declined in chargeCard");
    expect(mail?.parsed.headers.get("x-faultline-issue")).toBe(String(issue.id));
    expect(mail?.parsed.headers.get("message-id")).toBe(first?.providerResponseId);
    for (const body of [mail?.parsed.text, mail?.parsed.html]) {
      expect(body).toContain(link);
      expect(body).toContain("production");
      expect(body).toContain("shop@2.0.0");
      expect(body).toContain("chargeCard");
      expect(body).toContain("/srv/app/src/checkout.js");
      expect(body).toContain(issue.firstSeen.toISOString());
    }
    expect(mail?.parsed.html).toContain(`<a href="${link}">`);
    expect(mail?.parsed.text).toContain("Events: 1");
  });

  it("a recipient the server keeps refusing: retried, then failed with the error; the other rule delivers", async () => {
    smtp.refuseRecipient("refused@example.com", 450, "mailbox busy, try later");
    await createRule(db, projectId, {
      triggers: [{ type: "first_seen" }],
      actions: [{ type: "email", targets: ["refused@example.com"] }],
    });
    await createRule(db, projectId, {
      triggers: [{ type: "first_seen" }],
      actions: [{ type: "email", targets: ["ok@example.com"] }],
    });
    const sentBefore = await notificationCount("email", "sent");
    const failedBefore = await notificationCount("email", "failed");
    startWorker();
    await queue.enqueueEvent(errorJob(projectId));
    const rows = await settled(2);
    expect(rows.find((row) => row.target === "refused@example.com")).toMatchObject({
      status: "failed",
      attempts: 3,
      lastError: expect.stringContaining("450"),
    });
    expect(rows.find((row) => row.target === "ok@example.com")).toMatchObject({ status: "sent", attempts: 1 });
    expect(smtp.mails.map((m) => m.to)).toEqual([["ok@example.com"]]);
    // One result per delivery: three attempts of the refused one count as one failure.
    await waitFor(
      async () => (await notificationCount("email", "failed")) === failedBefore + 1,
      5000,
      "the failure to be counted",
    );
    expect(await notificationCount("email", "sent")).toBe(sentBefore + 1);
  });

  it("a permanent refusal (550) fails at once", async () => {
    smtp.refuseRecipient("gone@example.com", 550, "no such user");
    await createRule(db, projectId, {
      triggers: [{ type: "first_seen" }],
      actions: [{ type: "email", targets: ["gone@example.com"] }],
    });
    startWorker();
    await queue.enqueueEvent(errorJob(projectId));
    const [row] = await settled(1);
    expect(row).toMatchObject({ status: "failed", attempts: 1, lastError: expect.stringContaining("550") });
  });

  it("SMTP down: retried, then failed with the connection error; a webhook rule still delivers", async () => {
    await createRule(db, projectId, {
      triggers: [{ type: "first_seen" }],
      actions: [{ type: "email", targets: ["oncall@example.com"] }],
    });
    await createRule(db, projectId, {
      triggers: [{ type: "first_seen" }],
      actions: [{ type: "webhook", url: `${http.url}/hook`, secret: "webhook-secret" }],
    });
    await smtp.close();
    startWorker();
    await queue.enqueueEvent(errorJob(projectId));
    const rows = await settled(2);
    expect(rows.find((row) => row.channel === "email")).toMatchObject({
      status: "failed",
      attempts: 3,
      lastError: expect.stringMatching(/ECONNREFUSED/),
    });
    expect(rows.find((row) => row.channel === "webhook")).toMatchObject({ status: "sent", providerResponseId: "200" });
    smtp = await startSmtpReceiver();
  });
});

describe("SMS through the real twilio client", () => {
  function smsSettings(overrides: Partial<NotifySettings["sms"]> = {}): Partial<NotifySettings> {
    return {
      sms: {
        accountSid: SID,
        authToken: TOKEN,
        from: "+15550001111",
        messagingServiceSid: undefined,
        apiBaseUrl: http.url,
        dailyCapPerProject: 100,
        ...overrides,
      },
    };
  }

  it("posts To/From/Body with basic auth to TWILIO_API_BASE_URL; a 500 is retried", async () => {
    let calls = 0;
    http.respond = (request, res) => {
      calls++;
      if (calls === 1)
        res.writeHead(500, { "Content-Type": "application/json" }).end('{"code":20500,"message":"oops","status":500}');
      else twilioMessageResponse(res, "SM0123456789abcdef0123456789abcdef", "+15551234567", "x");
    };
    await createRule(db, projectId, {
      triggers: [{ type: "first_seen" }],
      actions: [{ type: "sms", targets: ["+15551234567"] }],
    });
    startWorker(smsSettings());
    await queue.enqueueEvent(errorJob(projectId));
    const [row] = await settled(1);
    expect(row).toMatchObject({
      status: "sent",
      attempts: 2,
      providerResponseId: "SM0123456789abcdef0123456789abcdef",
    });
    expect(http.requests).toHaveLength(2);
    const request = http.requests[1];
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString("base64")}`);
    const form = new URLSearchParams(request?.body);
    const issue = await db.issue.findFirstOrThrow();
    expect(form.get("To")).toBe("+15551234567");
    expect(form.get("From")).toBe("+15550001111");
    expect(form.get("Body")).toBe(
      `ERROR checkout-api: TypeError: card declined in chargeCard https://faultline.example.com/organizations/acme/issues/${issue.id}/`,
    );
  });

  it("stops at the project's daily cap", async () => {
    http.respond = (_request, res) => twilioMessageResponse(res, `SM${"0".repeat(32)}`, "+15551234567", "x");
    await createRule(db, projectId, {
      triggers: [{ type: "first_seen" }],
      actions: [{ type: "sms", targets: ["+15551234567"] }],
    });
    startWorker(smsSettings({ dailyCapPerProject: 1 }));
    await queue.enqueueEvent(errorJob(projectId, "first"));
    await queue.enqueueEvent(errorJob(projectId, "second"));
    const rows = await settled(2);
    expect(rows.map((row) => row.status).sort()).toEqual(["failed", "sent"]);
    expect(rows.find((row) => row.status === "failed")?.lastError).toBe("daily SMS cap of 1 reached for this project");
    expect(http.requests).toHaveLength(1);
  });
});

describe("webhooks", () => {
  const SECRET = "webhook-secret";

  it("signs the body; the receiver verifies it; a 500 is retried", async () => {
    let calls = 0;
    http.respond = (_request, res) => {
      calls++;
      res.writeHead(calls === 1 ? 500 : 204).end();
    };
    await createRule(db, projectId, {
      name: "Hook",
      triggers: [{ type: "first_seen" }],
      actions: [{ type: "webhook", url: `${http.url}/hook`, secret: SECRET }],
    });
    startWorker();
    await queue.enqueueEvent(errorJob(projectId));
    const [row] = await settled(1);
    expect(row).toMatchObject({ status: "sent", attempts: 2, providerResponseId: "204" });
    for (const request of http.requests) {
      const timestamp = String(request.headers["x-faultline-timestamp"]);
      expect(
        verifyWebhookSignature(SECRET, timestamp, request.body, String(request.headers["x-faultline-signature"])),
      ).toBe(true);
      expect(
        verifyWebhookSignature(
          "wrong-secret",
          timestamp,
          request.body,
          String(request.headers["x-faultline-signature"]),
        ),
      ).toBe(false);
    }
    const body = JSON.parse(http.requests[1]?.body ?? "{}") as Record<string, unknown>;
    const issue = await db.issue.findFirstOrThrow();
    expect(body).toMatchObject({
      version: 1,
      kind: "alert",
      rule: { name: "Hook" },
      triggers: ["first_seen"],
      issue: {
        id: String(issue.id),
        permalink: `https://faultline.example.com/organizations/acme/issues/${issue.id}/`,
      },
      event: { environment: "production", release: "shop@2.0.0" },
    });
  });

  it("a timeout is retried", async () => {
    let calls = 0;
    http.respond = (_request, res) => {
      calls++;
      if (calls === 1) setTimeout(() => res.writeHead(200).end(), 1500);
      else res.writeHead(200).end();
    };
    await createRule(db, projectId, {
      triggers: [{ type: "first_seen" }],
      actions: [{ type: "webhook", url: `${http.url}/hook`, secret: SECRET, format: "slack" }],
    });
    startWorker({ webhook: { allowedHosts: ["127.0.0.1"], timeoutMs: 300 } });
    await queue.enqueueEvent(errorJob(projectId));
    const [row] = await settled(1);
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    expect(JSON.parse(http.requests[1]?.body ?? "{}")).toMatchObject({
      text: expect.stringContaining("New issue"),
      attachments: [{}],
    });
  });

  it("refuses a private address that is not allow-listed, after DNS resolution, and records it", async () => {
    const port = new URL(http.url).port;
    await createRule(db, projectId, {
      triggers: [{ type: "first_seen" }],
      actions: [
        { type: "webhook", url: `http://localhost:${port}/hook`, secret: SECRET },
        { type: "webhook", url: "http://169.254.169.254/latest/meta-data/", secret: SECRET },
      ],
    });
    startWorker({ webhook: { allowedHosts: [], timeoutMs: 2000 } });
    await queue.enqueueEvent(errorJob(projectId));
    const rows = await settled(2);
    expect(rows[0]).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: expect.stringMatching(
        /^refused: localhost resolves to (127\.0\.0\.1|::1), which is not a public address; allow it with WEBHOOK_ALLOWED_HOSTS$/,
      ),
    });
    expect(rows[1]).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "refused: 169.254.169.254 is not a public address; allow it with WEBHOOK_ALLOWED_HOSTS",
    });
    expect(http.requests).toHaveLength(0);
  });
});
