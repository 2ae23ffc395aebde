import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseDsn } from "@faultline/core";
import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import type { Browser, BrowserContext, ConsoleMessage, Page } from "playwright-core";
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
let context: BrowserContext;
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
  context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  page = await context.newPage();
});
afterEach(async () => {
  await screenshot(page, `last-${expect.getState().currentTestName?.slice(0, 40).replace(/\W+/g, "-")}`);
  await context.close();
  await server.close();
  await worker.close();
});

/** CSP violations a page reports, as events in the page and as console messages. */
function watchViolations(target: Page): string[] {
  const seen: string[] = [];
  target.on("console", (message: ConsoleMessage) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) seen.push(message.text());
  });
  target.on("pageerror", (error) => seen.push(`page error: ${error.message}`));
  return seen;
}

// Runs in the page (as a string: these tests are typed without the DOM library).
const VIOLATION_LISTENER = `
  window.cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(event.violatedDirective + " " + event.blockedURI);
  });
`;

async function violationEvents(target: Page): Promise<string[]> {
  return target.evaluate<string[]>("window.cspViolations ?? []");
}

async function storeEvent(dsn: string, message: string): Promise<void> {
  const { publicKey, projectId } = parseDsn(dsn);
  const res = await fetch(`${server.url}/api/${projectId}/store/?sentry_key=${publicKey}&sentry_version=7`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ event_id: randomUUID().replace(/-/g, ""), message, level: "error" }),
  });
  expect(res.status).toBe(200);
}

it("the dashboard loads and is clicked through with no CSP violation", async () => {
  await page.addInitScript({ content: VIOLATION_LISTENER });
  const console = watchViolations(page);
  const dsn = await setUpThroughUi(page, server.url, "Checkout", "Node.js");
  await storeEvent(dsn, "checkout failed: card declined");
  await waitFor(async () => (await db.issue.count()) === 1, 15_000, "the event to be stored");
  const issue = await db.issue.findFirstOrThrow();
  const seen: string[] = [];
  const visit = async (url: string, heading: RegExp) => {
    await page.goto(`${server.url}${url}`);
    await page.getByRole("heading", { level: 1, name: heading }).first().waitFor();
    await page.waitForLoadState("networkidle");
    seen.push(...(await violationEvents(page)).map((violation) => `${url}: ${violation}`));
  };
  await visit("/organizations/acme/issues/", /Issues/);
  // Client-side navigation, as a person clicks: the issue list to the issue.
  await page
    .getByRole("link", { name: /checkout failed: card declined/ })
    .first()
    .click();
  await page.waitForURL(new RegExp(`/issues/${issue.id}/`));
  await page.waitForLoadState("networkidle");
  seen.push(...(await violationEvents(page)).map((violation) => `issue page: ${violation}`));
  await visit(`/organizations/acme/issues/${issue.id}/`, /card declined/);
  await visit("/organizations/acme/projects/", /Projects/);
  await visit("/organizations/acme/projects/checkout/", /Checkout/);
  await visit("/organizations/acme/projects/checkout/users/", /.+/);
  await visit("/organizations/acme/projects/checkout/releases/", /.+/);
  await visit("/organizations/acme/projects/checkout/alerts/", /Alerts/);
  await visit("/organizations/acme/projects/checkout/alerts/new/", /.+/);
  await visit("/organizations/acme/stats/", /Stats/);
  await visit("/organizations/acme/settings/", /settings/i);
  await visit("/manage/system/", /System/);
  expect({ events: seen, console }).toEqual({ events: [], console: [] });
  // The listener ran: the policy is there, and an inline script would be refused.
  const refused = await page.evaluate<boolean>(`(() => {
    const probe = document.createElement("script");
    probe.textContent = "window.inlineRan = true";
    document.body.append(probe);
    return window.inlineRan === true;
  })()`);
  expect(refused).toBe(false);
  await waitFor(async () => (await violationEvents(page)).length > 0, 5_000, "the refused inline script's report");
});

it("a page on another origin cannot frame a signed-in settings page", async () => {
  await setUpThroughUi(page, server.url, "Checkout", "Node.js");
  const settings = `${server.url}/organizations/acme/settings/`;
  // Same site (127.0.0.1), another port: the session cookie would go along with the frame.
  const attacker: Server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><title>win a prize</title>
      <iframe id="victim" src="${settings}" width="1000" height="700" onload="window.frameLoaded = true"></iframe>`);
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", () => resolve()));
  try {
    const attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
    const framing = await context.newPage();
    const messages: string[] = [];
    framing.on("console", (message) => messages.push(message.text()));
    await framing.goto(attackerUrl);
    await framing.waitForFunction("window.frameLoaded === true");
    await waitFor(
      async () => messages.some((text) => /frame-ancestors|X-Frame-Options/.test(text)),
      10_000,
      "the refusal",
    );
    const victim = framing.frames().find((frame) => frame !== framing.mainFrame());
    expect(victim).toBeDefined();
    expect(victim?.url()).not.toBe(settings);
    expect(
      await framing
        .frameLocator("#victim")
        .getByRole("heading", { name: /settings/i })
        .count(),
    ).toBe(0);
    expect(messages.join("\n")).toMatch(/frame-ancestors 'none'/);
    await screenshot(framing, "framing-refused", false);
    // The same page opened directly still works: only framing is refused.
    await page.goto(settings);
    await page.getByRole("heading", { level: 1, name: /settings/i }).waitFor();
  } finally {
    attacker.close();
  }
});
