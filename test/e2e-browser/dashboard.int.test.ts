import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import type { Browser, Page } from "playwright-core";
import { sentryBrowserBundle } from "../support/browser-bundle";
import { openDatabase, resetState, startTestServer, startTestWorker, type TestServer } from "../support/harness";
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
  server = await startTestServer(db, { webRoot: WEB_DIST });
  worker = startTestWorker(db);
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
});
afterEach(async () => {
  // Where the page ended up, for looking at after a failure.
  await screenshot(page, `last-${expect.getState().currentTestName?.slice(0, 40).replace(/\W+/g, "-")}`);
  await page.close();
  await server.close();
  await worker.close();
});

// A stock @sentry/node app in its own process: a breadcrumb, then an error from checkout code.
const NODE_APP = `
const Sentry = require(${JSON.stringify(require.resolve("@sentry/node"))});
Sentry.init({ dsn: process.argv[2], release: "shop@1.0.0", environment: "production" });
Sentry.setUser({ id: "u-42", email: "buyer@example.com" });
Sentry.addBreadcrumb({ category: "cart", message: "loaded cart with 3 items", level: "info" });
Sentry.addBreadcrumb({ category: "payment", message: "calling the card processor", level: "warning" });
function chargeCard(order) { throw new TypeError("card declined for order " + order); }
try { chargeCard(17); } catch (error) { Sentry.captureException(error); }
Sentry.flush(10000).then((ok) => process.exit(ok ? 0 : 1));
`;

async function sendNodeError(dsn: string) {
  const script = path.join(tmpdir(), `faultline-dashboard-app-${process.pid}.js`);
  writeFileSync(script, NODE_APP);
  await promisify(execFile)(process.execPath, [script, dsn], { timeout: 30_000 });
}

/** Searches the list (the search bar, as a person would) until the issue shows up. */
async function searchUntilRow(query: string, title: RegExp, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const search = page.getByRole("searchbox", { name: "Search issues" });
    await search.fill(query);
    await search.press("Enter");
    const row = page.locator(".issue-row", { hasText: title });
    try {
      await row.first().waitFor({ timeout: 1500 });
      return row.first();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.reload();
    }
  }
}

describe("the dashboard in a real browser", () => {
  it("first run, a project, a real SDK error found by search, its stack trace, resolved and back again", async () => {
    const dsn = await setUpThroughUi(page, server.url, "Checkout", "Node.js");
    expect(dsn).toMatch(/^http:\/\/[0-9a-f]{32}@127\.0\.0\.1:\d+\/\d+$/);
    await screenshot(page, "project");
    await page.getByRole("tab", { name: "Node.js" }).click();
    await expect(page.locator(".code-block pre").textContent()).resolves.toContain(`dsn: "${dsn}"`);

    await sendNodeError(dsn);
    await page.getByRole("link", { name: "Issues", exact: true }).click();
    const row = await searchUntilRow("is:unresolved card declined", /card declined for order 17/);
    await expect(row.locator(".issue-culprit").textContent()).resolves.toContain("chargeCard");
    await screenshot(page, "issue-list");

    await row.getByRole("link").click();
    await page.waitForURL(/\/organizations\/acme\/issues\/\d+\/$/);
    const exception = page.getByRole("region", { name: "Exception" });
    await exception.getByText("card declined for order 17").first().waitFor();
    await exception.locator(".frame.in-app", { hasText: "chargeCard" }).first().waitFor();
    // The first in-app frame opens with its source lines, the throwing line marked.
    await expect(exception.locator(".frame-context li.current").first().textContent()).resolves.toContain(
      "throw new TypeError",
    );
    const breadcrumbs = page.getByRole("region", { name: "Breadcrumbs" });
    await breadcrumbs.getByText("loaded cart with 3 items").waitFor();
    await breadcrumbs.getByText("calling the card processor").waitFor();
    await page
      .locator(".issue-side")
      .getByText("1 user affected")
      .or(page.getByText("1 user affected"))
      .first()
      .waitFor();
    await screenshot(page, "issue-page");
    // The same page on a phone, in the dark theme (prefers-color-scheme).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: "dark" });
    await screenshot(page, "issue-page-phone-dark", false);
    await page.goBack();
    await page.locator(".issue-row").first().waitFor();
    await screenshot(page, "issue-list-phone-dark");
    await page.goForward();
    await page.setViewportSize({ width: 1360, height: 900 });
    await page.emulateMedia({ colorScheme: "light" });

    // Comment, take it, resolve: each shows up in the activity.
    await page.getByLabel("Comment").fill("Looking into the card processor");
    await page.getByRole("button", { name: "Comment", exact: true }).click();
    await page.locator(".activity").getByText("Looking into the card processor").waitFor();
    // Take it: the assignee picker lists the organization's members, you first.
    await page.getByRole("button", { name: "Assign ▾" }).click();
    await page.getByRole("menuitemradio", { name: /Dana Oncall \(you\)/ }).click();
    await page.getByText("assigned to Dana Oncall").waitFor();
    await page.getByRole("button", { name: "Assigned: Dana Oncall ▾" }).waitFor();
    await page.getByRole("button", { name: "Resolve", exact: true }).click();
    await page.locator(".issue-meta .status-resolved").waitFor();
    await page.locator(".activity").getByText("resolved").first().waitFor();
    await page.getByRole("link", { name: "Issues", exact: true }).click();
    const search = page.getByRole("searchbox", { name: "Search issues" });
    await search.fill("is:unresolved card declined");
    await search.press("Enter");
    await page.getByText("No issues match").waitFor();

    // The same error again: a regression, back in the unresolved list.
    await sendNodeError(dsn);
    const back = await searchUntilRow("is:unresolved card declined", /card declined for order 17/);
    await expect(back.locator(".issue-count").first().textContent()).resolves.toBe("2");

    // The issue page says it regressed, in its activity, after the resolve.
    await back.getByRole("link").click();
    const activity = page.locator(".activity");
    // Sentry's words, without the system's name as if a person had done it.
    await activity.locator("li", { hasText: "Marked as a regression" }).waitFor();
    const entries = await activity.locator("li").allTextContents();
    const regressedAt = entries.findIndex((text) => text.startsWith("Marked as a regression"));
    const resolvedAt = entries.findIndex((text) => /\bresolved\b/.test(text));
    // Newest first: the regression above the resolve that it undid.
    expect(regressedAt).toBeGreaterThanOrEqual(0);
    expect(regressedAt).toBeLessThan(resolvedAt);
    await page.locator(".issue-meta .status-unresolved").waitFor();
    await screenshot(page, "issue-page-regressed");

    // From the event to its user: everything that went wrong for them.
    await page.getByRole("tab", { name: "All events" }).click();
    await page.locator(".event-list tbody tr").nth(1).waitFor();
    await expect(page.locator(".event-list tbody tr").count()).resolves.toBe(2);
    await page.getByRole("tab", { name: "Event details" }).click();
    await page.getByRole("link", { name: /Everything that went wrong for this user/ }).click();
    await page.getByRole("heading", { name: "id:u-42" }).waitFor();
    await page.getByText("2 errors in the last 14 days · 1 issue").waitFor();
    await screenshot(page, "user-page");
    await page.getByRole("link", { name: "Projects", exact: true }).click();
    await page.locator(".project-card", { hasText: "Checkout" }).waitFor();
    await screenshot(page, "projects");

    await page.getByRole("link", { name: "Stats", exact: true }).click();
    await page.getByText("accepted: 2").waitFor();
    await page.getByRole("link", { name: "Settings", exact: true }).click();
    // The audit log says what happened in words (issue.edit).
    await page.getByText("Changed an issue").first().waitFor();
    await screenshot(page, "settings");
    // API tokens are the user's own: Settings → Account.
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Account" }).click();
    await page.getByLabel("Token name").fill("ci");
    await page.getByRole("button", { name: "Create token" }).click();
    await page.getByText("Shown once: copy it now.").waitFor();
  }, 120_000);

  it("a real @sentry/browser error from Chromium: found, its stack trace, its tags filter its events, assigned", async () => {
    const dsn = await setUpThroughUi(page, server.url, "Storefront", "Browser JavaScript");
    const appUrl = await serveBrowserApp(dsn);
    // The shop's page, twice, on its own origin: one uncaught error per visit, tagged by variant.
    for (const variant of ["a", "b"]) {
      const shop = await browser.newPage();
      await shop.goto(`${appUrl}?variant=${variant}`);
      await shop.waitForTimeout(1000);
      await shop.close();
    }

    await page.getByRole("link", { name: "Issues", exact: true }).click();
    const row = await searchUntilRow("is:unresolved basket", /basket is empty/);
    await row.getByRole("link").click();
    const exception = page.getByRole("region", { name: "Exception" });
    await exception.getByText("basket is empty").first().waitFor();
    await exception.locator(".frame", { hasText: "checkout" }).first().waitFor();
    // Both visits in the issue (the second may still be on its way through the worker).
    for (let tries = 0; ; tries++) {
      await page.getByText("Events", { exact: true }).first().waitFor();
      if ((await page.locator(".issue-counts .count-value").first().textContent()) === "2") break;
      if (tries > 20) throw new Error("the second browser event never arrived");
      await page.waitForTimeout(500);
      await page.reload();
    }
    const tags = page.locator(".issue-side .tag-distribution");
    await tags.locator(".tag-dist", { hasText: "variant" }).getByText("b", { exact: true }).waitFor();
    await tags.locator(".tag-dist", { hasText: "release" }).getByText("storefront@2.1.0").waitFor();
    await screenshot(page, "browser-issue-page");

    // A tag value: the events with it, from the server.
    await tags.getByRole("button", { name: /Show events with variant b/ }).click();
    await expect(page.getByRole("searchbox", { name: "Search events" }).inputValue()).resolves.toBe("variant:b");
    await page.locator(".event-list tbody tr").first().waitFor();
    await expect(page.locator(".event-list tbody tr").count()).resolves.toBe(1);
    // The full-page screenshot draws the sticky top bar where the page is scrolled to: from the top.
    await page.evaluate("window.scrollTo(0, 0)");
    await screenshot(page, "browser-issue-events-filtered");
    await page.getByRole("searchbox", { name: "Search events" }).fill("variant:nope");
    await page.getByRole("searchbox", { name: "Search events" }).press("Enter");
    await page.getByText("No events match").waitFor();
    await page.getByRole("button", { name: "Clear" }).click();
    await page.locator(".event-list tbody tr").nth(1).waitFor();

    // Assigned from the picker, then unassigned; on a phone too.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("button", { name: "Assign ▾" }).click();
    await page.getByRole("menuitemradio", { name: /Dana Oncall/ }).waitFor();
    await screenshot(page, "assignee-picker-phone", false);
    await page.getByRole("menuitemradio", { name: /Dana Oncall/ }).click();
    await page.getByRole("button", { name: "Assigned: Dana Oncall ▾" }).click();
    await page.getByRole("menuitem", { name: "Unassign" }).click();
    await page.getByRole("button", { name: "Assign ▾" }).waitFor();
    await page.locator(".activity").getByText("unassigned").waitFor();
    await page.setViewportSize({ width: 1360, height: 900 });
  }, 120_000);

  it("event data holding <script> and <img onerror> renders as text, never as markup", async () => {
    const dsn = await setUpThroughUi(page, server.url, "Hostile", "Browser JavaScript");
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const img = (n: number) => `<img src=x onerror=alert(${n})>`;
    const script = (n: number) => `<script>alert(${n})</script>`;
    const now = Date.now() / 1000;
    await sendStoreEvent(dsn, {
      platform: "javascript",
      level: "error",
      exception: {
        values: [
          {
            type: "HostileError",
            value: `${script(1)} ${img(2)}`,
            stacktrace: {
              frames: [
                {
                  filename: `app/${img(3)}.js`,
                  function: script(4),
                  lineno: 10,
                  in_app: true,
                  pre_context: [script(5)],
                  context_line: img(6),
                  post_context: [script(7)],
                  vars: { payload: img(8) },
                },
              ],
            },
          },
        ],
      },
      tags: { payload: img(9) },
      breadcrumbs: { values: [{ timestamp: now, category: script(10), message: img(11), level: "error" }] },
      extra: { note: script(12) },
      user: { id: "u1", email: "x@example.com", username: img(13) },
    });
    await sendStoreEvent(dsn, { platform: "javascript", level: "warning", message: `${script(14)} says ${img(15)}` });

    await page.getByRole("link", { name: "Issues", exact: true }).click();
    const messageRow = await searchUntilRow("is:unresolved says", /says/);
    await expect(messageRow.textContent()).resolves.toContain(`${script(14)} says ${img(15)}`);
    const row = await searchUntilRow("is:unresolved HostileError", /HostileError/);
    await row.getByRole("link").click();
    const exception = page.getByRole("region", { name: "Exception" });
    await exception
      .getByText(`${script(1)} ${img(2)}`)
      .first()
      .waitFor();
    await exception.getByText(`app/${img(3)}.js`).waitFor();
    await exception.getByText(img(6), { exact: true }).waitFor();
    await exception.getByText(script(5), { exact: true }).waitFor();
    await exception.getByText(img(8), { exact: true }).waitFor();
    await page.getByRole("region", { name: "Breadcrumbs" }).getByText(img(11)).waitFor();
    // The category is also an option of the breadcrumb filter: look at the crumb itself.
    await page
      .getByRole("region", { name: "Breadcrumbs" })
      .locator(".crumb-category", { hasText: script(10) })
      .waitFor();
    await page.getByRole("region", { name: "Tags" }).getByText(img(9)).first().waitFor();
    await page.getByRole("region", { name: "Additional data" }).getByText(script(12)).waitFor();
    await screenshot(page, "xss-issue-page");

    // The message-only issue too.
    await page.getByRole("link", { name: "Issues", exact: true }).click();
    const again = await searchUntilRow("is:unresolved says", /says/);
    await again.getByRole("link").click();
    await page
      .getByRole("region", { name: "Message" })
      .getByText(`${script(14)} says ${img(15)}`)
      .waitFor();

    expect(dialogs).toEqual([]);
    expect(await page.locator("main img, main script").count()).toBe(0);
  }, 120_000);
});

/** Posts one event to the store endpoint of a DSN, as an SDK would, and checks it was accepted. */
async function sendStoreEvent(dsn: string, event: Record<string, unknown>) {
  const url = new URL(dsn);
  const projectId = url.pathname.replace(/\//g, "");
  const res = await fetch(
    `${url.protocol}//${url.host}/api/${projectId}/store/?sentry_key=${url.username}&sentry_version=7`,
    {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ event_id: randomUUID().replace(/-/g, ""), timestamp: Date.now() / 1000, ...event }),
    },
  );
  expect(res.status).toBe(200);
}

let appServer: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (appServer ? appServer.close(() => resolve()) : resolve()));
  appServer = undefined;
});

/**
 * A shop page on its own origin (localhost, not the tracker's 127.0.0.1) running the real
 * @sentry/browser bundle; its checkout code, in its own script, throws an uncaught error.
 */
async function serveBrowserApp(dsn: string): Promise<string> {
  const bundle = await sentryBrowserBundle();
  const html = `<!doctype html><html><head><script src="/sentry.js"></script><script>
    Sentry.init({ dsn: ${JSON.stringify(dsn)}, release: "storefront@2.1.0", environment: "production" });
    Sentry.setTag("variant", new URLSearchParams(location.search).get("variant") || "none");
  </script><script src="/checkout.js"></script></head><body>shop</body></html>`;
  const checkout = `function checkout(basket) {
  if (basket.length === 0) throw new TypeError("basket is empty at checkout");
}
setTimeout(function () { checkout([]); }, 10);
`;
  appServer = createServer((req, res) => {
    if (req.url === "/sentry.js") res.writeHead(200, { "content-type": "text/javascript" }).end(bundle);
    else if (req.url === "/checkout.js") res.writeHead(200, { "content-type": "text/javascript" }).end(checkout);
    else res.writeHead(200, { "content-type": "text/html" }).end(html);
  });
  await new Promise<void>((resolve) => appServer!.listen(0, "127.0.0.1", () => resolve()));
  return `http://localhost:${(appServer!.address() as AddressInfo).port}/`;
}
