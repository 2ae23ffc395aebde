import { randomUUID } from "node:crypto";
import { JOB_NAMES, parseDsn } from "@faultline/core";
import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import type { Browser, Page } from "playwright-core";
import {
  openDatabase,
  resetState,
  startTestServer,
  startTestWorker,
  waitFor,
  type TestServer,
} from "../support/harness";
import { WEB_DIST, launchBrowser, screenshot, setUpThroughUi } from "./browser";

let db: Database;
let server: TestServer;
let worker: RunningWorker;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  db = openDatabase();
  browser = await launchBrowser();
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  server = await startTestServer(db, { webRoot: WEB_DIST, api: { storageBudgetBytes: 64 * 1024 * 1024 } });
  worker = startTestWorker(db);
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
});
afterEach(async () => {
  await screenshot(page, `last-${expect.getState().currentTestName?.slice(0, 40).replace(/\W+/g, "-")}`);
  await page.close();
  await server.close();
  await worker.close();
});

async function storeEvent(dsn: string, message: string): Promise<number> {
  const { publicKey, projectId } = parseDsn(dsn);
  const res = await fetch(`${server.url}/api/${projectId}/store/?sentry_key=${publicKey}&sentry_version=7`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ event_id: randomUUID().replace(/-/g, ""), message, level: "error" }),
  });
  return res.status;
}

it("the System page: ingest outcomes, queues, storage forecast, a failed job replayed, failed notifications", async () => {
  const dsn = await setUpThroughUi(page, server.url, "Checkout", "Node.js");
  const { projectId } = parseDsn(dsn);
  await db.projectKey.updateMany({ data: { rateLimitCount: 5, rateLimitWindowSeconds: 60 } });
  server.keys.invalidate();
  const statuses: number[] = [];
  for (let n = 0; n < 8; n += 1) statuses.push(await storeEvent(dsn, `checkout failed ${n}`));
  expect(statuses.filter((status) => status === 429)).toHaveLength(3);
  // A job whose payload fails its schema: failed at once, kept for replay.
  await server.queue.queue.add(JOB_NAMES.processEvent, { projectId: Number(projectId) });
  await waitFor(async () => (await server.queue.queue.getFailedCount()) === 1, 15_000, "the bad job to fail");
  await db.notificationDelivery.create({
    data: {
      projectId: Number(projectId),
      kind: "alert",
      channel: "webhook",
      target: "https://hooks.example.com/faultline",
      status: "failed",
      attempts: 6,
      lastError: "HTTP 502 from https://hooks.example.com/faultline",
      payload: {},
    },
  });
  await waitFor(
    async () => (await db.outcome.count({ where: { outcome: "rate_limited" } })) > 0,
    15_000,
    "outcomes to be flushed",
  );

  await page.getByRole("link", { name: "System" }).click();
  await page.waitForURL(/\/manage\/system\/$/);
  await page.getByRole("heading", { name: "System" }).waitFor();
  await page.getByText("rate limited: key_quota").first().waitFor();
  await page.locator(".system-chart .recharts-bar-rectangle").first().waitFor();
  const queueRow = page.locator("tr", { hasText: /^ingest/ });
  await queueRow.first().waitFor();
  await page.getByText("HTTP 502 from https://hooks.example.com/faultline").waitFor();
  await page
    .getByRole("status")
    .filter({ hasText: /64 MB budget/ })
    .waitFor();
  await page.getByText("Events on disk").waitFor();
  await screenshot(page, "system");

  // With no worker running, the replayed job stays on the queue where the page can see it.
  await worker.close();
  const [before] = await server.queue.queue.getFailed();
  await page.getByRole("button", { name: /^Replay job / }).click();
  await page.getByText("No failed jobs").waitFor();
  expect(await (await server.queue.queue.getJob(before?.id ?? ""))?.getState()).toBe("waiting");
  // A worker takes it again; its payload still fails the schema, so it is failed once more.
  worker = startTestWorker(db);
  await waitFor(
    async () => (await server.queue.queue.getFailedCount()) === 1,
    15_000,
    "the replayed job to fail again",
  );
  const [again] = await server.queue.queue.getFailed();
  expect(again?.id).toBe(before?.id);
  expect(again?.finishedOn).toBeGreaterThan(before?.finishedOn ?? Infinity);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "system-phone-dark");
}, 90_000);
