import { randomUUID } from "node:crypto";
import { parseDsn } from "@faultline/core";
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
  await resetState(db);
  server = await startTestServer(db, { webRoot: WEB_DIST });
  worker = startTestWorker(db);
}, 30_000);
afterAll(async () => {
  await page?.close();
  await browser?.close();
  await server?.close();
  await worker?.close();
  await db.$disconnect();
});

const LONG_TITLE =
  "PaymentProviderUnavailableError: the payment provider did not answer within the configured timeout while confirming the customer's order";

async function storeEvent(dsn: string, body: Record<string, unknown>): Promise<void> {
  const { publicKey, projectId } = parseDsn(dsn);
  const res = await fetch(`${server.url}/api/${projectId}/store/?sentry_key=${publicKey}&sentry_version=7`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ event_id: randomUUID().replace(/-/g, ""), platform: "node", ...body }),
  });
  expect(res.status).toBe(200);
}

/** The page scrolls sideways when its content is wider than the window (run in the page: the test types have no DOM). */
async function sidewaysOverflow(): Promise<number> {
  return page.evaluate<number>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
}

/** Waits until no loading skeleton or spinner is left on the page. */
async function settled(): Promise<void> {
  await page.locator("[data-testid=skeleton], .spinner").first().waitFor({ state: "detached", timeout: 15_000 });
}

it("the main screens fit a phone and a desktop: no sideways scroll, a one-row top bar on phones", async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const dsn = await setUpThroughUi(page, server.url, "Checkout", "Node.js");
  const { projectId } = parseDsn(dsn);
  const project = await db.project.findFirstOrThrow({ where: { id: Number(projectId) } });
  await storeEvent(dsn, {
    level: "error",
    exception: {
      values: [
        {
          type: "PaymentProviderUnavailableError",
          value: LONG_TITLE.split(": ")[1],
          stacktrace: {
            frames: [
              {
                filename: "/srv/app/src/checkout/confirm-order-with-payment-provider.js",
                function: "confirm",
                lineno: 42,
                in_app: true,
              },
            ],
          },
        },
      ],
    },
    contexts: { device: { memory_size: 8589934592, free_memory: 1073741824 }, app: {} },
    user: { id: "42", email: "alice@example.com" },
  });
  await storeEvent(dsn, { level: "warning", message: "Cart total did not match the sum of its line items" });
  await waitFor(async () => (await db.issue.count()) === 2, 15_000, "both events to be grouped");
  const issue = await db.issue.findFirstOrThrow({ where: { level: "error" } });
  await db.notificationDelivery.createMany({
    data: [
      {
        projectId: project.id,
        kind: "alert",
        channel: "webhook",
        target: "https://hooks.example.com/services/T00000000/B00000000/a-very-long-webhook-path-that-never-breaks",
        status: "failed",
        attempts: 6,
        lastError: "HTTP 502 from https://hooks.example.com/services/T00000000/B00000000/a-very-long-webhook-path",
        payload: {},
      },
      {
        projectId: project.id,
        kind: "alert",
        channel: "email",
        target: "oncall@example.com",
        status: "sent",
        attempts: 1,
        payload: {},
      },
    ],
  });

  const screens: [string, string][] = [
    ["issues", "/organizations/acme/issues/"],
    // A user term makes the rows show the matching events' counts beside the totals.
    ["issues-filtered", "/organizations/acme/issues/?query=user.email%3Aalice%40example.com"],
    ["issue", `/organizations/acme/issues/${issue.id}/`],
    ["merged", `/organizations/acme/issues/${issue.id}/`],
    ["releases", `/organizations/acme/projects/${project.slug}/releases/`],
    ["feedback", `/organizations/acme/projects/${project.slug}/user-feedback/`],
    ["settings", "/organizations/acme/settings/"],
    ["project-settings", `/organizations/acme/settings/projects/${project.slug}/`],
    ["alerts", `/organizations/acme/projects/${project.slug}/alerts/`],
    ["stats", "/organizations/acme/stats/"],
    ["system", "/manage/system/"],
    ["not-found", "/organizations/acme/nowhere/"],
  ];
  const problems: string[] = [];
  for (const [width, height, suffix] of [
    [1280, 900, "desktop"],
    [390, 844, "phone"],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const [name, path] of screens) {
      await page.goto(`${server.url}${path}`);
      await page.locator("main.content").waitFor();
      await settled();
      if (name === "alerts") await page.getByText("oncall@example.com").waitFor();
      if (name === "settings") await page.getByRole("heading", { name: "Audit log" }).waitFor();
      if (name === "project-settings") await page.getByRole("heading", { name: "Delete project" }).waitFor();
      if (name === "not-found") await page.getByText("Page not found").waitFor();
      if (name === "merged") {
        await page.getByRole("tab", { name: "Merged issues" }).click();
        await page.locator(".merged-hash").first().waitFor();
      }
      // Every screen keeps the navigation (on a phone, behind the menu button).
      if (suffix === "desktop") await page.getByRole("link", { name: "Issues", exact: true }).waitFor();
      else await page.getByRole("button", { name: "Menu" }).waitFor();
      await screenshot(page, `screen-${name}-${suffix}`);
      const overflow = await sidewaysOverflow();
      if (overflow > 1) problems.push(`${name} at ${width}px scrolls sideways by ${overflow}px`);
      if (suffix === "phone") {
        const bar = await page.locator("header.topbar").boundingBox();
        if (!bar || bar.height > 56) problems.push(`${name} at ${width}px: the top bar is ${bar?.height}px tall`);
      }
    }
  }
  expect(problems).toEqual([]);

  // On a phone the menu opens under the bar and leads to the other pages.
  await page.goto(`${server.url}/organizations/acme/issues/`);
  await page.getByRole("button", { name: "Menu" }).click();
  await page.getByRole("link", { name: "Settings" }).click();
  await page.waitForURL(/\/organizations\/acme\/settings\/$/);
  await page.locator('button.menu-toggle[aria-expanded="false"]').waitFor();
  expect(await page.locator("#topbar-menu").isVisible()).toBe(false);
  await page.goto(`${server.url}/organizations/acme/issues/`);
  await page.getByRole("button", { name: "Menu" }).click();
  await screenshot(page, "screen-menu-phone", false);
}, 180_000);
