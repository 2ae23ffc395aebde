import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { JOB_NAMES } from "@faultline/core";
import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import { QueueEvents } from "bullmq";
import type { Browser, Page } from "playwright-core";
import {
  openDatabase,
  resetState,
  startTestServer,
  startTestWorker,
  testUrls,
  waitFor,
  type TestServer,
} from "../support/harness";
import { WEB_DIST, launchBrowser, screenshot, setUpThroughUi } from "./browser";

let db: Database;
let server: TestServer;
let worker: RunningWorker;
let browser: Browser;
let page: Page;

jest.setTimeout(120_000);

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  browser = await launchBrowser();
  server = await startTestServer(db, { webRoot: WEB_DIST });
  worker = startTestWorker(db);
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10_000);
}, 30_000);
afterAll(async () => {
  await screenshot(page, "last-monitors-page");
  await browser?.close();
  await server.close();
  await worker.close();
  await db.$disconnect();
});

// A stock @sentry/node app running its job under a monitor, as in docs/monitors.md.
const NODE_APP = `
const Sentry = require(${JSON.stringify(require.resolve("@sentry/node"))});
Sentry.init({ dsn: process.argv[2], environment: "production" });
Sentry.withMonitor("nightly-report", () => new Promise((resolve) => setTimeout(resolve, 250)), {
  schedule: { type: "crontab", value: "0 3 * * *" },
  timezone: "Europe/Vienna",
  checkinMargin: 5,
}).then(() => Sentry.flush(10000)).then((ok) => process.exit(ok ? 0 : 1));
`;

it("shows a project's monitor with its schedule and next run, and its check-ins on a timeline", async () => {
  const dsn = await setUpThroughUi(page, server.url, "Jobs", "Node.js");
  const script = path.join(tmpdir(), `faultline-monitor-page-app-${process.pid}.js`);
  writeFileSync(script, NODE_APP);
  await promisify(execFile)(process.execPath, [script, dsn], { timeout: 30_000 });
  const env = await waitFor(
    async () => (await db.monitorEnvironment.findFirst({ where: { status: "ok" } })) ?? undefined,
    20_000,
    "the run",
  );
  // The clock marks the next run missed.
  const events = new QueueEvents(server.queue.queue.name, { connection: { url: testUrls().redisUrl } });
  try {
    await events.waitUntilReady();
    const job = await server.queue.queue.add(JOB_NAMES.monitorClock, { now: env.nextCheckInLatest!.getTime() + 1000 });
    await job.waitUntilFinished(events, 20_000);
  } finally {
    await events.close();
  }

  await page.goto(`${server.url}/organizations/acme/projects/jobs/`);
  await page.getByRole("link", { name: "Cron monitors" }).click();
  await page.getByRole("heading", { name: "Cron monitors · Jobs" }).waitFor();
  const row = page.getByRole("row").filter({ hasText: "nightly-report" });
  await row.getByText("0 3 * * * (Europe/Vienna)").waitFor();
  await row.getByText("production").waitFor();
  await row.getByText("missed").waitFor();

  await row.getByRole("button", { name: "nightly-report" }).click();
  const timeline = page.getByRole("list", { name: "Check-in timeline" });
  await timeline.waitFor();
  expect(await timeline.getByRole("listitem").allTextContents()).toEqual(["ok", "missed"]);
  await page
    .getByRole("cell", { name: /^0\.\d s$|^\d+ ms$/ })
    .first()
    .waitFor();
  await screenshot(page, "monitors");
});
