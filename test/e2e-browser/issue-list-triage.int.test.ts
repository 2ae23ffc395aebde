import type { Database } from "@faultline/db";
import type { Browser, Page } from "playwright-core";
import { storeTestEvent } from "../support/events";
import { openDatabase, resetState, startTestServer, waitFor, type TestServer } from "../support/harness";
import { WEB_DIST, launchBrowser, screenshot, setUpThroughUi } from "./browser";

let db: Database;
let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  browser = await launchBrowser();
  server = await startTestServer(db, { webRoot: WEB_DIST });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 30_000);
afterAll(async () => {
  await screenshot(page, "last-issue-list-triage");
  await browser?.close();
  await server.close();
  await db.$disconnect();
});

const HOUR = 3_600_000;

describe("triage in the issue list, in a real browser", () => {
  it("filtered counts beside the total, select all matching, ignore for a while and undo", async () => {
    await setUpThroughUi(page, server.url, "Checkout", "Node.js");
    const project = await db.project.findFirstOrThrow({ where: { slug: "checkout" } });
    // One issue with events in two environments, and 26 more: a page of 25 does not hold them all.
    for (const [hours, environment, browser] of [
      [3, "production", "Chrome"],
      [2, "staging", "Chrome"],
      [1, "production", "Firefox"],
    ] as const) {
      await storeTestEvent(db, project.id, {
        group: "pay",
        title: "TypeError: payment failed",
        environment,
        tags: [["browser", browser]],
        user: { id: `u-${hours}` },
        timestamp: new Date(Date.now() - hours * HOUR),
      });
    }
    for (let n = 0; n < 26; n++)
      await storeTestEvent(db, project.id, {
        group: `other-${n}`,
        environment: "production",
        // Older than the first issue's events: it leads the list, sorted by last seen.
        timestamp: new Date(Date.now() - 5 * HOUR),
      });
    const pay = page.locator(".issue-row", { hasText: "pay failed" });
    const list = (query: string) =>
      page.goto(`${server.url}/organizations/acme/issues/?query=${encodeURIComponent(query)}`);

    // An environment narrows the issue's numbers and its total alike (as Sentry): no "of" beside.
    await list("environment:production");
    await pay.waitFor();
    await expect(pay.locator(".issue-count").first().textContent()).resolves.toBe("2");
    // A tag is a condition: the matching events, and the issue's total beside them.
    await list("browser:Chrome");
    await pay.waitFor();
    await expect(pay.locator(".issue-count").first().textContent()).resolves.toBe("2of 3");
    await expect(pay.locator(".issue-users").first().textContent()).resolves.toBe("2of 3");
    await screenshot(page, "issue-list-filtered-counts");

    await list("is:unresolved");
    await pay.waitFor();
    await page.getByLabel("Select all on this page").check();
    await page.getByRole("button", { name: "Select all 27 matching" }).click();
    await page.getByText("All 27 matching").waitFor();
    await screenshot(page, "issue-list-select-all-matching");

    await page.getByLabel("Select all on this page").uncheck();
    await pay.locator(".issue-check").check();
    await page.locator("summary[aria-label='Ignore until…']").click();
    await screenshot(page, "issue-list-ignore-menu");
    await page.getByRole("menuitem", { name: "30 minutes" }).click();
    const toast = page.getByRole("status").filter({ hasText: "Ignored 1 issue" });
    await toast.waitFor();
    await screenshot(page, "issue-list-undo-toast", false);
    const ignored = await db.issue.findFirstOrThrow({ where: { title: "TypeError: payment failed" } });
    expect(ignored.status).toBe("ignored");
    expect(ignored.ignoreUntil?.getTime()).toBeGreaterThan(Date.now() + 25 * 60_000);

    await toast.getByRole("button", { name: "Undo" }).click();
    const status = async () =>
      (await db.issue.findFirstOrThrow({ where: { title: "TypeError: payment failed" } })).status;
    await waitFor(async () => (await status()) === "unresolved", 10_000, "the undo to unresolve the issue");
  }, 90_000);
});
