import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import type { Browser, Page } from "playwright-core";
import { testNotifySettings } from "../support/alerts";
import { openDatabase, resetState, startTestServer, startTestWorker, type TestServer } from "../support/harness";
import { startHttpReceiver, type HttpReceiver } from "../support/notify-receivers";
import { WEB_DIST, launchBrowser, screenshot, setUpThroughUi } from "./browser";

let db: Database;
let server: TestServer;
let worker: RunningWorker;
let receiver: HttpReceiver;
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
  server = await startTestServer(db, { webRoot: WEB_DIST });
  receiver = await startHttpReceiver();
  // The webhook receiver listens on 127.0.0.1, which the test settings allow.
  worker = startTestWorker(db, 2, { notify: testNotifySettings() });
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
});
afterEach(async () => {
  await screenshot(page, `last-${expect.getState().currentTestName?.slice(0, 40).replace(/\W+/g, "-")}`);
  await page.close();
  await worker.close();
  await server.close();
  await receiver.close();
});

describe("alerts in the dashboard", () => {
  it("creates a rule in the editor, sends a test to a webhook, and retries the failed delivery", async () => {
    await setUpThroughUi(page, server.url, "Checkout", "Node.js");
    await page.getByRole("link", { name: "Alerts", exact: true }).click();
    await page.getByText("No alert rules yet").waitFor();
    await page.getByRole("link", { name: "New alert rule" }).click();
    await page.getByRole("heading", { name: /New alert rule/ }).waitFor();

    // The editor says what is wrong before anything is sent.
    await page.getByLabel("Action 1", { exact: true }).selectOption("webhook");
    await page.getByLabel("Action 1 webhook URL").fill(`${receiver.url}/hook`);
    await page.getByLabel("Action 1 signing secret").fill("short");
    await page.getByRole("button", { name: "Create rule" }).click();
    await page.locator(".field-error", { hasText: "is required" }).waitFor();
    await page.locator(".field-error", { hasText: "must be at least 8 characters" }).waitFor();
    await screenshot(page, "alert-rule-editor-errors");

    await page.getByLabel("Rule name").fill("Checkout to the webhook");
    await page.getByLabel("Action 1 signing secret").fill("s3cret-value");
    await page.getByRole("button", { name: "Add trigger" }).click();
    await page.getByLabel("Trigger 2 events").fill("50");
    await page.getByLabel("Trigger 2 interval").fill("15m");
    await page.getByRole("button", { name: "Add filter" }).click();
    await page.getByLabel("Filter 1 value").fill("production");
    await page.getByRole("button", { name: "Create rule" }).click();
    await page.getByRole("heading", { name: "Checkout to the webhook" }).waitFor();

    // In the list, with what fires it and where it sends.
    await page.getByRole("link", { name: "All alerts" }).click();
    const row = page.locator(".rules-table tbody tr", { hasText: "Checkout to the webhook" });
    await row.getByText("new issue or 50+ events in 15m").waitFor();
    await row.getByText(`Webhook: ${new URL(receiver.url).host}`).waitFor();
    await row.getByText("never").waitFor();
    await expect(row.getByRole("switch").isChecked()).resolves.toBe(true);
    await screenshot(page, "alert-rules");

    // The receiver is down: the test message fails after its retries.
    receiver.respond = (_request, res) => res.writeHead(503).end("down for maintenance");
    await row.getByRole("link", { name: "Checkout to the webhook" }).click();
    await page.getByRole("button", { name: "Send test" }).click();
    await page
      .getByRole("status")
      .getByText(/Test queued: 1 message \(webhook → http:\/\/127\.0\.0\.1/)
      .waitFor();
    const log = page.getByRole("region", { name: "Deliveries of this rule" });
    const failed = log.locator("tbody tr[data-status=failed]");
    await failed.waitFor({ timeout: 20_000 });
    await failed.getByText("503").first().waitFor();
    await screenshot(page, "alert-rule-failed-delivery");
    expect(receiver.requests.length).toBeGreaterThan(1);

    // Back up: "Retry" sends the same message once more, and it is sent.
    receiver.respond = (_request, res) => res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    const before = receiver.requests.length;
    await failed.getByRole("button", { name: /Retry delivery to/ }).click();
    await log.locator("tbody tr[data-status=sent]").waitFor({ timeout: 20_000 });
    expect(receiver.requests.length).toBe(before + 1);
    const delivered = receiver.requests[before];
    expect(delivered?.headers["x-faultline-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(JSON.parse(delivered?.body ?? "{}")).toMatchObject({ rule: { name: "Checkout to the webhook" } });
    await log.getByRole("button", { name: "Failed" }).click();
    await log.getByText("No failed deliveries").waitFor();
    await log.getByRole("button", { name: "All" }).click();
    await log.locator("tbody tr[data-status=sent]").waitFor();
    await screenshot(page, "alert-rule");

    // Off from the list; the project's delivery log shows the delivery too.
    await page.getByRole("link", { name: "All alerts" }).click();
    await row.getByRole("switch").click();
    await row.getByText("off").waitFor();
    await page.getByRole("region", { name: "Delivery log" }).locator("tbody tr[data-status=sent]").waitFor();
    await screenshot(page, "alerts");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: "dark" });
    await screenshot(page, "alerts-phone-dark");
    const stored = await db.alertRule.findFirstOrThrow();
    expect(stored.enabled).toBe(false);
  }, 120_000);
});
