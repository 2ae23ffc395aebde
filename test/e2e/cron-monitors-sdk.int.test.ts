import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { JOB_NAMES } from "@faultline/core";
import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import { createRule, testNotifySettings } from "../support/alerts";
import {
  createTestProject,
  openDatabase,
  openTestQueue,
  resetState,
  startTestServer,
  startTestWorker,
  testUrls,
  waitFor,
  waitForQueueDrained,
  type TestServer,
} from "../support/harness";
import { startHttpReceiver, type HttpReceiver } from "../support/notify-receivers";
import type { IngestQueue } from "@faultline/runtime";
import { QueueEvents } from "bullmq";

let db: Database;
let server: TestServer;
let worker: RunningWorker;
let hook: HttpReceiver;
let queue: IngestQueue;

jest.setTimeout(120_000);

beforeAll(async () => {
  db = openDatabase();
  queue = await openTestQueue();
});
afterAll(async () => {
  await queue.close();
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  hook = await startHttpReceiver();
  server = await startTestServer(db);
  const settings = testNotifySettings();
  // PagerDuty's Events API is the HTTP receiver too (its path tells the two apart).
  worker = startTestWorker(db, 4, {
    notify: { ...settings, vendors: { ...settings.vendors, pagerDutyApiBaseUrl: hook.url } },
  });
});
afterEach(async () => {
  await server.close();
  await worker.close();
  await hook.close();
});

/** Runs `body` in a Node process with @sentry/node initialised for the DSN, as an application would. */
async function runSdk(dsn: string, body: string): Promise<void> {
  const script = path.join(tmpdir(), `faultline-monitor-app-${process.pid}-${Date.now()}.js`);
  writeFileSync(
    script,
    `const Sentry = require(${JSON.stringify(require.resolve("@sentry/node"))});
Sentry.init({ dsn: process.argv[2], environment: "production" });
(async () => { ${body} })().then(() => Sentry.flush(10000)).then((ok) => process.exit(ok ? 0 : 1));`,
  );
  await promisify(execFile)(process.execPath, [script, dsn], { timeout: 30_000 });
}

const NIGHTLY = `{ schedule: { type: "crontab", value: "0 3 * * *" }, timezone: "Europe/Vienna", checkinMargin: 5, maxRuntime: 10, failureIssueThreshold: 1, recoveryThreshold: 1 }`;

/** Runs the monitor clock as of `now`, as the repeatable job does every minute. */
async function tick(now: Date): Promise<void> {
  const events = new QueueEvents(queue.queue.name, { connection: { url: testUrls().redisUrl } });
  try {
    await events.waitUntilReady();
    const job = await queue.queue.add(JOB_NAMES.monitorClock, { now: now.getTime() });
    await job.waitUntilFinished(events, 20_000);
  } finally {
    await events.close();
  }
}

it("Sentry.withMonitor upserts the monitor and records the run with its duration", async () => {
  const project = await createTestProject(db, "Jobs");
  await runSdk(
    project.dsnFor(server.url),
    `await Sentry.withMonitor("nightly-report", () => new Promise((r) => setTimeout(r, 300)), ${NIGHTLY});`,
  );
  const checkIn = await waitFor(
    async () => (await db.monitorCheckIn.findFirst({ where: { status: "ok" } })) ?? undefined,
    20_000,
    "the closed check-in",
  );
  expect(checkIn.duration).toBeGreaterThanOrEqual(0.25);
  expect(await db.monitorCheckIn.count()).toBe(1);
  const monitor = await db.monitor.findFirstOrThrow({ include: { environments: true } });
  expect(monitor).toMatchObject({
    slug: "nightly-report",
    name: "nightly-report",
    scheduleType: "crontab",
    schedule: "0 3 * * *",
    timezone: "Europe/Vienna",
    checkinMargin: 5,
    maxRuntime: 10,
  });
  const [env] = monitor.environments;
  expect(env).toMatchObject({ environment: "production", status: "ok" });
  // The next 03:00 in Vienna after the run.
  const vienna = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Vienna", hour: "2-digit", minute: "2-digit" });
  expect(vienna.format(env!.nextCheckIn!)).toBe("03:00");
  expect(env!.nextCheckInLatest!.getTime() - env!.nextCheckIn!.getTime()).toBe(5 * 60_000);
});

const PAGERDUTY_KEY = "R0UT1NGKEY0123456789abcdefABCDEF";
const requestsTo = (prefix: string) => hook.requests.filter((request) => request.url.startsWith(prefix));

it("a missed run opens 'Cron failure' through the alert rules (webhook, PagerDuty); an OK run resolves it", async () => {
  const project = await createTestProject(db, "Jobs");
  await createRule(db, project.projectId, {
    name: "New issues to the hook",
    triggers: [{ type: "first_seen" }],
    actions: [
      { type: "webhook", url: `${hook.url}/faultline`, secret: "monitor-secret" },
      { type: "pagerduty", routingKey: PAGERDUTY_KEY },
    ],
  });
  await runSdk(
    project.dsnFor(server.url),
    `Sentry.captureCheckIn({ monitorSlug: "nightly-report", status: "ok" }, ${NIGHTLY});`,
  );
  const env = await waitFor(
    async () => (await db.monitorEnvironment.findFirst({ where: { status: "ok" } })) ?? undefined,
    20_000,
    "the first run",
  );

  // Within the margin nothing is missed; past it the clock marks the run missed.
  await tick(new Date(env.nextCheckIn!.getTime() + 4 * 60_000));
  expect(await db.monitorCheckIn.count({ where: { status: "missed" } })).toBe(0);
  await tick(new Date(env.nextCheckInLatest!.getTime() + 1000));
  const missed = await db.monitorCheckIn.findFirstOrThrow({ where: { status: "missed" } });
  expect(missed.expectedTime).toEqual(env.nextCheckIn);

  const issue = await waitFor(
    async () => (await db.issue.findFirst({ where: { title: "Cron failure: nightly-report" } })) ?? undefined,
    20_000,
    "the monitor's issue",
  );
  expect(issue.culprit).toBe("Your monitor has missed a check-in.");
  await waitFor(async () => hook.requests.length === 2 || undefined, 20_000, "the webhook and PagerDuty deliveries");
  expect(requestsTo("/faultline")[0]!.body).toContain("Cron failure: nightly-report");
  const trigger = JSON.parse(requestsTo("/v2/enqueue")[0]!.body) as { event_action: string; dedup_key: string };
  expect(trigger.event_action).toBe("trigger");
  const failing = await db.monitorEnvironment.findUniqueOrThrow({ where: { id: env.id } });
  expect(failing).toMatchObject({ status: "missed", openIssueId: issue.id, failureCount: 1 });
  // The next run moved on by one day.
  expect(failing.nextCheckIn!.getTime() - env.nextCheckIn!.getTime()).toBe(86_400_000);

  await runSdk(project.dsnFor(server.url), `Sentry.captureCheckIn({ monitorSlug: "nightly-report", status: "ok" });`);
  await waitFor(
    async () => (await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).status === "resolved" || undefined,
    20_000,
    "the issue resolved by recovery",
  );
  // The alert path for resolutions: PagerDuty resolves the incident it opened.
  await waitFor(async () => requestsTo("/v2/enqueue").length === 2 || undefined, 20_000, "the PagerDuty resolve");
  expect(JSON.parse(requestsTo("/v2/enqueue")[1]!.body)).toEqual({
    routing_key: PAGERDUTY_KEY,
    event_action: "resolve",
    dedup_key: trigger.dedup_key,
  });
  const activity = await db.issueActivity.findMany({ where: { issueId: issue.id } });
  expect(activity.map((row) => row.type)).toContain("set_resolved");
  const recovered = await db.monitorEnvironment.findUniqueOrThrow({ where: { id: env.id } });
  expect(recovered).toMatchObject({ status: "ok", openIssueId: null });

  // The next failure is a regression of the same issue.
  await tick(new Date(recovered.nextCheckInLatest!.getTime() + 1000));
  const regressed = await waitFor(
    async () => {
      const row = await db.issue.findUniqueOrThrow({ where: { id: issue.id } });
      return row.status === "unresolved" ? row : undefined;
    },
    20_000,
    "the regression",
  );
  expect(regressed.regressionCount).toBe(1);
  expect(await db.issue.count()).toBe(1);
});

it("a muted monitor records missed runs without an issue; a disabled one drops its check-ins", async () => {
  const project = await createTestProject(db, "Jobs");
  await runSdk(
    project.dsnFor(server.url),
    `Sentry.captureCheckIn({ monitorSlug: "nightly-report", status: "ok" }, ${NIGHTLY});`,
  );
  const env = await waitFor(
    async () => (await db.monitorEnvironment.findFirst({ where: { status: "ok" } })) ?? undefined,
    20_000,
    "the first run",
  );
  await db.monitor.updateMany({ data: { isMuted: true } });
  await tick(new Date(env.nextCheckInLatest!.getTime() + 1000));
  expect(await db.monitorEnvironment.findUniqueOrThrow({ where: { id: env.id } })).toMatchObject({
    status: "missed",
    failureCount: 1,
    openIssueId: null,
  });
  await waitForQueueDrained(queue);
  expect(await db.issue.count()).toBe(0);

  await db.monitor.updateMany({ data: { isMuted: false, status: "disabled" } });
  await runSdk(
    project.dsnFor(server.url),
    `Sentry.captureCheckIn({ monitorSlug: "nightly-report", status: "error" });`,
  );
  await waitFor(
    async () => (await db.outcome.findFirst({ where: { reason: "monitor_disabled" } })) ?? undefined,
    20_000,
    "the dropped check-in's outcome",
  );
  expect(await db.monitorCheckIn.count({ where: { status: "error" } })).toBe(0);
  // A disabled monitor is not expected to run either.
  await tick(new Date(env.nextCheckInLatest!.getTime() + 2 * 86_400_000));
  expect(await db.monitorCheckIn.count({ where: { status: "missed" } })).toBe(1);
});

it("an in_progress run past max_runtime times out; a late close does not change it", async () => {
  const project = await createTestProject(db, "Jobs");
  await runSdk(
    project.dsnFor(server.url),
    `const id = Sentry.captureCheckIn({ monitorSlug: "sync", status: "in_progress" }, { schedule: { type: "interval", value: 1, unit: "hour" }, maxRuntime: 2 });
     require("node:fs").writeFileSync(${JSON.stringify(path.join(tmpdir(), `faultline-monitor-id-${process.pid}`))}, id);`,
  );
  const open = await waitFor(
    async () => (await db.monitorCheckIn.findFirst({ where: { status: "in_progress" } })) ?? undefined,
    20_000,
    "the open run",
  );
  expect(open.timeoutAt!.getTime() - open.createdAt.getTime()).toBe(2 * 60_000);
  await tick(new Date(open.timeoutAt!.getTime() + 1000));
  expect((await db.monitorCheckIn.findUniqueOrThrow({ where: { id: open.id } })).status).toBe("timeout");
  await waitFor(
    async () => (await db.issue.findFirst({ where: { title: "Cron failure: sync" } })) ?? undefined,
    20_000,
    "the timeout's issue",
  );

  const checkInId = readFileSync(path.join(tmpdir(), `faultline-monitor-id-${process.pid}`), "utf8");
  await runSdk(
    project.dsnFor(server.url),
    `Sentry.captureCheckIn({ checkInId: ${JSON.stringify(checkInId)}, monitorSlug: "sync", status: "ok", duration: 200 });`,
  );
  await waitForQueueDrained(queue);
  expect(await db.monitorCheckIn.findUniqueOrThrow({ where: { id: open.id } })).toMatchObject({
    status: "timeout",
    duration: null,
  });
});

it("a check-in for an unknown slug without a config is dropped and counted (after waiting for the monitor)", async () => {
  const project = await createTestProject(db, "Jobs");
  await runSdk(project.dsnFor(server.url), `Sentry.captureCheckIn({ monitorSlug: "nobody-knows", status: "ok" });`);
  await waitFor(
    async () =>
      (await db.outcome.findFirst({
        where: { outcome: "invalid", category: "monitor", reason: "monitor_not_found" },
      })) ?? undefined,
    60_000,
    "the dropped check-in's outcome",
  );
  expect(await db.monitor.count()).toBe(0);
  expect(await db.monitorCheckIn.count()).toBe(0);
});
