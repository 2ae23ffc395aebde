/**
 * Alert rules end to end with the real @sentry/node SDK, which runs in its own Node process as in
 * an application: events go through the ingest server, the worker stores and evaluates them, and
 * what the rules send arrives at a real SMTP server and a real HTTP webhook receiver. The last
 * case runs two built worker processes on one queue.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { ALERT_JOB_NAMES, ALERTS_QUEUE } from "@faultline/core";
import type { Database } from "@faultline/db";
import { createProducerRedis } from "@faultline/runtime";
import type { RunningWorker } from "@faultline/worker";
import { Queue } from "bullmq";
import { createRule, testNotifySettings } from "../support/alerts";
import { memberWithToken } from "../support/api";
import { childPorts, startChild, type ChildService } from "../support/child-processes";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  startTestWorker,
  testUrls,
  waitFor,
  type TestServer,
} from "../support/harness";
import {
  startHttpReceiver,
  startSmtpReceiver,
  type HttpReceiver,
  type SmtpReceiver,
} from "../support/notify-receivers";

jest.setTimeout(60_000);

let db: Database;
let server: TestServer;
let smtp: SmtpReceiver;
let hook: HttpReceiver;
let apps: SdkApp[] = [];
const script = path.join(tmpdir(), `faultline-alerts-rules-app-${process.pid}.js`);

/**
 * The application: three functions that throw three different errors (three issues). It reads
 * one JSON line per batch from stdin — `[{"call": "chargeCard", "times": 99, "level": "warning"}]`
 * — captures each error, flushes the SDK and answers "flushed" (or "unflushed") on stdout.
 */
const NODE_APP = `
const Sentry = require(${JSON.stringify(require.resolve("@sentry/node"))});
const readline = require("node:readline");
Sentry.init({
  dsn: process.argv[2],
  environment: process.argv[3],
  release: "shop@3.1.0",
  // More than the default 64 requests in flight: the frequency case sends 99 at once.
  transportOptions: { bufferSize: 256 },
});
function chargeCard(order) { throw new TypeError("card declined for order " + order); }
function reserveStock(sku) { throw new RangeError("out of stock: " + sku); }
function sendReceipt(to) { throw new Error("mailbox unavailable: " + to); }
const calls = { chargeCard, reserveStock, sendReceipt };
let n = 0;
readline.createInterface({ input: process.stdin }).on("line", async (line) => {
  for (const { call, times = 1, level } of JSON.parse(line)) {
    for (let i = 0; i < times; i++) {
      n += 1;
      try { calls[call]("order-" + n); } catch (error) { Sentry.captureException(error, level ? { level } : undefined); }
    }
  }
  const ok = await Sentry.flush(15000);
  process.stdout.write(ok ? "flushed\\n" : "unflushed\\n");
});
process.stdin.on("end", () => process.exit(0));
`;

interface Capture {
  call: "chargeCard" | "reserveStock" | "sendReceipt";
  times?: number;
  level?: "warning" | "error" | "fatal";
}

interface SdkApp {
  /** Captures these errors and resolves once the SDK has delivered them to the server. */
  send(...captures: Capture[]): Promise<void>;
  close(): Promise<void>;
}

/** Starts the application (one Node process with the real @sentry/node) reporting to `dsn`. */
function startSdkApp(dsn: string, environment = "production"): SdkApp {
  const child: ChildProcess = spawn(process.execPath, [script, dsn, environment], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const answers: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => answers.shift()?.(line));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const app: SdkApp = {
    async send(...captures) {
      if (child.exitCode !== null) throw new Error(`the SDK app exited with ${child.exitCode}: ${stderr}`);
      const answer = new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the SDK app did not flush: ${stderr}`)), 20_000);
        answers.push((line) => {
          clearTimeout(timer);
          resolve(line);
        });
      });
      child.stdin?.write(`${JSON.stringify(captures)}\n`);
      expect(await answer).toBe("flushed");
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin?.end();
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
  apps.push(app);
  return app;
}

beforeAll(async () => {
  writeFileSync(script, NODE_APP);
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  smtp = await startSmtpReceiver();
  hook = await startHttpReceiver();
  server = await startTestServer(db);
});
afterEach(async () => {
  await Promise.all(apps.map((app) => app.close()));
  apps = [];
  await server.close();
  await smtp.close();
  await hook.close();
});

const firings = () => db.alertFiring.count();
const EMAIL = { type: "email", targets: ["oncall@example.com"] };
const webhook = () => ({ type: "webhook", url: `${hook.url}/faultline`, secret: "sdk-rules-secret" });

/**
 * Waits until `events` events are stored and each has been evaluated (one alert.evaluate job per
 * stored event of a project with rules), and nothing but digests is left on the alerts queue.
 * After this a rule that was going to fire has recorded its firing and sent what it sends.
 */
async function settle(queue: Queue, events: number): Promise<void> {
  await waitFor(async () => (await db.event.count()) === events, 20_000, `${events} stored events`);
  await waitFor(
    async () => {
      const completed = await queue.getCompleted(0, -1);
      return completed.filter((job) => job.name === ALERT_JOB_NAMES.evaluate).length === events;
    },
    20_000,
    `${events} completed rule evaluations`,
  );
  await waitFor(
    async () => {
      const counts = await queue.getJobCounts("waiting", "active", "prioritized", "failed");
      if (!Object.values(counts).every((count) => count === 0)) return false;
      const delayed = await queue.getDelayed();
      return delayed.every((job) => job.name === ALERT_JOB_NAMES.digest);
    },
    20_000,
    "the alerts queue to drain",
  );
}

describe("with one worker", () => {
  let worker: RunningWorker;
  let project: Awaited<ReturnType<typeof createTestProject>>;
  const alertsQueue = () => worker.alerts.queue.queue;

  beforeEach(async () => {
    project = await createTestProject(db, "Shop");
    worker = startTestWorker(db, 8, {
      notify: testNotifySettings({ email: { smtpUrl: smtp.url, from: "alerts@faultline.example.com" } }),
      rulesCacheMs: 0,
    });
  });
  afterEach(async () => {
    await worker.close();
  });

  it("the same issue's second event within the action interval does not fire again", async () => {
    // The frequency trigger matches the second event too: only the interval holds it back.
    await createRule(db, project.projectId, {
      triggers: [{ type: "first_seen" }, { type: "event_frequency", value: 2, interval: "1h" }],
      actions: [EMAIL, webhook()],
      actionIntervalMinutes: 60,
    });
    const app = startSdkApp(project.dsnFor(server.url));
    await app.send({ call: "chargeCard" });
    await waitFor(async () => smtp.mails.length === 1 && hook.requests.length === 1, 15_000, "the first alert");
    await app.send({ call: "chargeCard", times: 2 });
    await settle(alertsQueue(), 3);

    const issue = await db.issue.findFirstOrThrow();
    expect(await db.issue.count()).toBe(1);
    expect(issue.timesSeen).toBe(3);
    expect(await db.alertFiring.findMany({ select: { triggers: true } })).toEqual([{ triggers: ["first_seen"] }]);
    expect(smtp.mails).toHaveLength(1);
    expect(hook.requests).toHaveLength(1);
    expect(smtp.mails[0]?.parsed.subject).toMatch(/^\[acme\/shop\] New issue · ERROR · TypeError: card declined/);
  });

  it("a regression fires once the issue resolved through the web API sees the error again", async () => {
    await createRule(db, project.projectId, { triggers: [{ type: "regression" }], actions: [EMAIL] });
    const app = startSdkApp(project.dsnFor(server.url));
    await app.send({ call: "chargeCard" });
    await settle(alertsQueue(), 1);
    expect(await firings()).toBe(0);

    const issue = await db.issue.findFirstOrThrow();
    const { auth } = await memberWithToken(db, "lead@example.com", "acme", "owner");
    const resolved = await fetch(`${server.url}/api/0/issues/${issue.id}/`, {
      method: "PUT",
      headers: { Authorization: auth, "Content-Type": "application/json" },
      body: JSON.stringify({ status: "resolved" }),
    });
    expect(resolved.status).toBe(200);
    expect((await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).status).toBe("resolved");

    await app.send({ call: "chargeCard" });
    await waitFor(async () => smtp.mails.length === 1, 15_000, "the regression email");
    await settle(alertsQueue(), 2);
    expect(smtp.mails[0]?.parsed.subject).toMatch(
      /^\[acme\/shop\] Regression · ERROR · TypeError: card declined for order/,
    );
    expect(await db.alertFiring.findMany({ select: { triggers: true } })).toEqual([{ triggers: ["regression"] }]);
    expect((await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).status).toBe("unresolved");
    expect(smtp.mails).toHaveLength(1);
  });

  it("the 100th event in the window fires the frequency trigger, once", async () => {
    await createRule(db, project.projectId, {
      triggers: [{ type: "event_frequency", value: 100, interval: "1h" }],
      actions: [EMAIL],
    });
    const app = startSdkApp(project.dsnFor(server.url));
    await app.send({ call: "chargeCard", times: 99 });
    await settle(alertsQueue(), 99);
    expect(await firings()).toBe(0);
    expect(smtp.mails).toHaveLength(0);

    await app.send({ call: "chargeCard" });
    await waitFor(async () => smtp.mails.length === 1, 15_000, "the frequency email");
    await app.send({ call: "chargeCard", times: 5 });
    await settle(alertsQueue(), 105);
    expect(await db.issue.count()).toBe(1);
    expect(await db.alertFiring.findMany({ select: { triggers: true } })).toEqual([{ triggers: ["event_frequency"] }]);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]?.parsed.subject).toMatch(/^\[acme\/shop\] Frequent · ERROR · TypeError: card declined/);
  });

  it("environment and level filters exclude the SDK events that do not match", async () => {
    await createRule(db, project.projectId, {
      triggers: [{ type: "first_seen" }],
      filters: [
        { type: "level", match: "gte", level: "error" },
        { type: "environment", value: "production" },
      ],
      actions: [EMAIL],
    });
    const production = startSdkApp(project.dsnFor(server.url), "production");
    const staging = startSdkApp(project.dsnFor(server.url), "staging");
    await staging.send({ call: "chargeCard" });
    await production.send({ call: "reserveStock", level: "warning" });
    await settle(alertsQueue(), 2);
    // Two new issues, each excluded by one filter only.
    const events = await db.event.findMany({
      select: { level: true, environment: true },
      orderBy: { environment: "asc" },
    });
    expect(events).toEqual([
      { level: "warning", environment: "production" },
      { level: "error", environment: "staging" },
    ]);
    expect(await db.issue.count()).toBe(2);
    expect(await firings()).toBe(0);

    await production.send({ call: "sendReceipt", level: "fatal" });
    await waitFor(async () => smtp.mails.length === 1, 15_000, "the email for the matching event");
    await settle(alertsQueue(), 3);
    expect(smtp.mails[0]?.parsed.subject).toMatch(/^\[acme\/shop\] New issue · FATAL · Error: mailbox unavailable/);
    expect(await firings()).toBe(1);
    expect(smtp.mails).toHaveLength(1);
  });

  it("a digest batches three new issues from the SDK into one email and one webhook call", async () => {
    await createRule(db, project.projectId, {
      triggers: [{ type: "first_seen" }],
      actions: [EMAIL, webhook()],
      digestMinutes: 15,
    });
    const app = startSdkApp(project.dsnFor(server.url));
    await app.send({ call: "chargeCard" }, { call: "reserveStock" }, { call: "sendReceipt" });
    await settle(alertsQueue(), 3);
    expect(await db.issue.count()).toBe(3);
    expect(await firings()).toBe(3);
    expect(smtp.mails).toHaveLength(0);
    expect(hook.requests).toHaveLength(0);

    // The digest waits 15 minutes; bring it forward instead of waiting.
    const delayed = await alertsQueue().getDelayed();
    expect(delayed.map((job) => job.name)).toEqual([ALERT_JOB_NAMES.digest]);
    await delayed[0]?.promote();
    await waitFor(async () => smtp.mails.length === 1 && hook.requests.length === 1, 15_000, "the digest");
    await settle(alertsQueue(), 3);

    const mail = smtp.mails[0];
    expect(mail?.to).toEqual(["oncall@example.com"]);
    expect(mail?.parsed.subject).toBe("[acme/shop] 3 issues in Shop in the last 15 minutes");
    for (const title of ["TypeError: card declined", "RangeError: out of stock", "Error: mailbox unavailable"])
      expect(mail?.parsed.text).toContain(title);
    const body = JSON.parse(hook.requests[0]?.body ?? "{}") as { kind: string; issues: { id: string }[] };
    expect(body.kind).toBe("digest");
    const issueIds = (await db.issue.findMany({ select: { id: true } })).map((issue) => String(issue.id));
    expect(body.issues.map((issue) => issue.id).sort()).toEqual(issueIds.sort());
    expect(smtp.mails).toHaveLength(1);
    expect(hook.requests).toHaveLength(1);
  });

  it("a snoozed rule stays quiet; unsnoozed through the web API it fires for the next new issue", async () => {
    const rule = await createRule(db, project.projectId, {
      triggers: [{ type: "first_seen" }],
      actions: [EMAIL],
      snoozedUntil: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const app = startSdkApp(project.dsnFor(server.url));
    await app.send({ call: "chargeCard" });
    await settle(alertsQueue(), 1);
    expect(await firings()).toBe(0);
    expect(smtp.mails).toHaveLength(0);

    const { auth } = await memberWithToken(db, "lead@example.com", "acme", "owner");
    const unsnoozed = await fetch(`${server.url}/api/0/projects/acme/shop/alert-rules/${rule.id}/`, {
      method: "PUT",
      headers: { Authorization: auth, "Content-Type": "application/json" },
      body: JSON.stringify({ snoozedUntil: null }),
    });
    expect(unsnoozed.status).toBe(200);
    await app.send({ call: "reserveStock" });
    await waitFor(async () => smtp.mails.length === 1, 15_000, "the email after the snooze");
    await settle(alertsQueue(), 2);
    expect(smtp.mails[0]?.parsed.subject).toMatch(/^\[acme\/shop\] New issue · ERROR · RangeError: out of stock/);
    expect(await firings()).toBe(1);
  });
});

describe("with two worker processes", () => {
  let workers: ChildService[] = [];
  let queue: Queue;
  let redis: ReturnType<typeof createProducerRedis>;

  beforeEach(() => {
    redis = createProducerRedis(testUrls().redisUrl);
    queue = new Queue(ALERTS_QUEUE, { connection: redis });
  });
  afterEach(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    workers = [];
    await queue.close();
    redis.disconnect();
  });

  async function metric(worker: ChildService, pattern: RegExp): Promise<number> {
    const text = await (await fetch(`${worker.url}/metrics`)).text();
    return [...text.matchAll(pattern)].reduce((sum, match) => sum + Number(match[1]), 0);
  }

  it("the same new error sent several times fires once: one email and one webhook call", async () => {
    const project = await createTestProject(db, "Shop");
    // Every event matches (frequency 1): only the cross-process interval lets one of them fire.
    await createRule(db, project.projectId, {
      triggers: [{ type: "first_seen" }, { type: "event_frequency", value: 1, interval: "1h" }],
      actions: [EMAIL, webhook()],
    });
    // Started one after another: the machine running the tests is small.
    for (const [index, port] of childPorts(2).entries())
      workers.push(
        await startChild(`worker ${index + 1}`, "worker/dist/main.js", port, {
          WORKER_HEALTH_PORT: String(port),
          WORKER_CONCURRENCY: "2",
          ALERTS_CONCURRENCY: "4",
          PUBLIC_URL: "https://faultline.example.com",
          SMTP_URL: smtp.url,
          EMAIL_FROM: "alerts@faultline.example.com",
          WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
          NOTIFY_BACKOFF_MS: "50",
          NOTIFY_BACKOFF_MAX_MS: "200",
        }),
      );

    const app = startSdkApp(project.dsnFor(server.url));
    // One request at a time: sent together, the events would reach the queue as one or two
    // ingest batches, and one worker could take them all.
    for (let sent = 0; sent < 12; sent++) await app.send({ call: "chargeCard" });
    await waitFor(async () => smtp.mails.length === 1 && hook.requests.length === 1, 20_000, "the alert");
    await settle(queue, 12);

    // Both processes took part: each stored some of the events.
    const stored = await Promise.all(
      workers.map((worker) => metric(worker, /^faultline_events_processed_total\{result="stored"\} (\d+)/gm)),
    );
    expect(stored.every((count) => count > 0)).toBe(true);
    expect(stored.reduce((a, b) => a + b, 0)).toBe(12);
    expect(await db.issue.count()).toBe(1);
    expect(await firings()).toBe(1);
    expect(smtp.mails).toHaveLength(1);
    expect(hook.requests).toHaveLength(1);
    expect(smtp.mails[0]?.parsed.text).toContain("https://faultline.example.com/organizations/acme/issues/");
    expect(JSON.parse(hook.requests[0]?.body ?? "{}")).toMatchObject({ kind: "alert" });
    // A receiver sees the request before the worker records the answer.
    await waitFor(
      async () => (await db.notificationDelivery.count({ where: { status: "sent" } })) === 2 || undefined,
      15_000,
      "both deliveries recorded as sent",
    );
    const sent = await Promise.all(
      workers.map((worker) => metric(worker, /^faultline_notifications_total\{[^}]*result="sent"[^}]*\} (\d+)/gm)),
    );
    expect(sent.reduce((a, b) => a + b, 0)).toBe(2);
  });
});
