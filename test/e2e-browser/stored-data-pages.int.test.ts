import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
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

const RELEASE = "shop@3.1.0";

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  browser = await launchBrowser();
  server = await startTestServer(db, { webRoot: WEB_DIST });
  worker = startTestWorker(db);
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // A missing element fails its step with a message, well within the test's own timeout.
  page.setDefaultTimeout(10_000);
}, 30_000);
afterAll(async () => {
  await screenshot(page, "last-stored-data-pages");
  await browser?.close();
  await server.close();
  await worker.close();
  await db.$disconnect();
});

// A stock @sentry/node app: breadcrumbs, a recursion 30 calls deep that throws, a log file
// attached to the error, and the user's feedback about it.
const NODE_APP = `
const Sentry = require(${JSON.stringify(require.resolve("@sentry/node"))});
// Node keeps 10 frames by default: enough of the recursion must reach the SDK.
Error.stackTraceLimit = 100;
Sentry.init({ dsn: process.argv[2], release: ${JSON.stringify(RELEASE)}, environment: "production" });
Sentry.setUser({ id: "u-7", email: "buyer@example.com" });
Sentry.addBreadcrumb({ category: "cart", message: "loaded cart with 3 items", level: "info" });
Sentry.addBreadcrumb({ category: "payment", message: "calling the card processor", level: "warning" });
Sentry.addBreadcrumb({ category: "payment", message: "card processor answered 502", level: "error" });
function walk(node, depth) { if (depth === 0) throw new RangeError("cart tree too deep at " + node); return walk(node + 1, depth - 1); }
Sentry.getCurrentScope().addAttachment({ filename: "checkout.log", data: "step 1\\nstep 2\\n", contentType: "text/plain" });
let eventId;
try { walk(0, 30); } catch (error) { eventId = Sentry.captureException(error); }
Sentry.captureFeedback({ message: "The page froze when I pressed Pay.", name: "Ana Buyer", email: "ana@example.com", associatedEventId: eventId });
Sentry.flush(10000).then((ok) => process.exit(ok ? 0 : 1));
`;

async function sendNodeError(dsn: string) {
  const script = path.join(tmpdir(), `faultline-stored-data-app-${process.pid}.js`);
  writeFileSync(script, NODE_APP);
  await promisify(execFile)(process.execPath, [script, dsn], { timeout: 30_000 });
}

/** A web API call with the signed-in browser's session cookie and CSRF token, as the dashboard sends. */
async function apiFromPage(method: "POST", apiPath: string, body?: unknown, form?: Record<string, string>) {
  const cookies = await page.context().cookies(server.url);
  const csrf = cookies.find((cookie) => cookie.name === "fl_csrf")?.value ?? "";
  const response = await page.request.fetch(`${server.url}/api/0${apiPath}`, {
    method,
    headers: { "X-CSRFToken": decodeURIComponent(csrf) },
    ...(form
      ? {
          multipart: Object.fromEntries(
            Object.entries(form).map(([key, value]) => [
              key,
              key === "file" ? { name: "app.js.map", mimeType: "application/json", buffer: Buffer.from(value) } : value,
            ]),
          ),
        }
      : { data: body }),
  });
  return response.status();
}

/** Fails when the page scrolls sideways: everything must fit the viewport's width. */
async function expectNoSidewaysScroll(what: string) {
  // A string: the test project's types have no DOM; the page evaluates it.
  const { scrollWidth, clientWidth } = await page.evaluate<{ scrollWidth: number; clientWidth: number }>(
    "({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })",
  );
  expect({ what, scrollWidth }).toEqual({ what, scrollWidth: clientWidth });
}

const WIDTHS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

describe("data that is stored, shown in a real browser", () => {
  let issueUrl = "";

  it("sends a real SDK error with an attachment and feedback, and a release with commits, deploys and files", async () => {
    const dsn = await setUpThroughUi(page, server.url, "Checkout", "Node.js");
    const commits = [
      { id: "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", message: "Guard the cart walk", author_name: "Dana Oncall" },
    ];
    expect(
      await apiFromPage("POST", "/organizations/acme/releases/", { version: RELEASE, projects: ["checkout"], commits }),
    ).toBe(201);
    expect(
      await apiFromPage("POST", `/organizations/acme/releases/${encodeURIComponent(RELEASE)}/deploys/`, {
        environment: "production",
        name: "Friday deploy",
      }),
    ).toBe(201);
    expect(
      await apiFromPage("POST", `/projects/acme/checkout/releases/${encodeURIComponent(RELEASE)}/files/`, undefined, {
        name: "~/static/app.js.map",
        file: '{"version":3,"sources":[],"mappings":""}',
      }),
    ).toBe(201);
    await sendNodeError(dsn);
    const project = await db.project.findFirstOrThrow({ where: { slug: "checkout" } });
    // Sessions from the same release (an SDK's release health), as the session job stores them.
    await db.sessionStat.create({
      data: {
        projectId: project.id,
        bucket: new Date(),
        release: RELEASE,
        environment: "production",
        total: 400,
        crashed: 6,
      },
    });
    const issue = await waitFor(
      () =>
        db.issue
          .findFirst({ where: { projectId: project.id, title: { contains: "cart tree too deep" } } })
          .then((row) => row ?? undefined),
      20_000,
      "the SDK's error to become an issue",
    );
    await waitFor(
      async () => (await db.userFeedback.count()) > 0 && (await db.attachment.count()) > 0,
      20_000,
      "feedback and attachment",
    );
    issueUrl = `${server.url}/organizations/acme/issues/${issue.id}/`;
  }, 60_000);

  for (const size of WIDTHS) {
    it(`shows the issue's repeated frames, breadcrumb filter, attachment, feedback and export at ${size.name} width`, async () => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(issueUrl);
      const exception = page.getByRole("region", { name: "Exception" });
      await exception
        .getByText(/frame repeated \d+ times/)
        .first()
        .waitFor();
      // 31 calls of walk() at the same line: one frame, "repeated 29 times" or more (the first
      // call comes from a different line).
      const repeated = await exception
        .getByText(/frame repeated \d+ times/)
        .first()
        .textContent();
      expect(Number(/(\d+)/.exec(repeated ?? "")?.[1])).toBeGreaterThanOrEqual(29);

      const crumbs = page.getByRole("region", { name: "Breadcrumbs" });
      await crumbs.getByLabel("Search breadcrumbs").fill("processor");
      await crumbs.getByText("2 of").waitFor();
      await crumbs.getByLabel("Level").selectOption("error");
      await crumbs.getByText("card processor answered 502").waitFor();
      await expect(crumbs.locator(".crumb").count()).resolves.toBe(1);

      const attachments = page.getByRole("region", { name: "Attachments" });
      const download = attachments.getByRole("link", { name: "Download" });
      await download.waitFor();
      await attachments.getByText("checkout.log").waitFor();
      const file = await page.request.get(new URL((await download.getAttribute("href"))!, server.url).toString());
      expect(file.status()).toBe(200);
      expect(await file.text()).toBe("step 1\nstep 2\n");

      await page
        .getByRole("region", { name: "User feedback" })
        .first()
        .getByText("The page froze when I pressed Pay.")
        .waitFor();
      const csv = await page.getByRole("link", { name: "CSV" }).getAttribute("href");
      const exported = await page.request.get(new URL(csv!, server.url).toString());
      expect(exported.status()).toBe(200);
      expect(await exported.text()).toContain("cart tree too deep");

      await expectNoSidewaysScroll(`issue page at ${size.width}px`);
      await screenshot(page, `stored-issue-${size.name}`);
    });

    it(`shows the project's user feedback and the release's detail at ${size.name} width`, async () => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(`${server.url}/organizations/acme/projects/checkout/user-feedback/`);
      await page.getByText("The page froze when I pressed Pay.").waitFor();
      await page.getByRole("link", { name: "ana@example.com", exact: true }).waitFor();
      await page.getByRole("link", { name: /^Event [0-9a-f]{8}/ }).waitFor();
      await expectNoSidewaysScroll(`feedback page at ${size.width}px`);
      await screenshot(page, `stored-feedback-${size.name}`);

      await page.goto(`${server.url}/organizations/acme/projects/checkout/releases/`);
      await page.getByRole("link", { name: RELEASE }).click();
      await page.getByRole("heading", { name: RELEASE }).waitFor();
      // 6 of the 400 stored sessions crashed, plus the SDK's own healthy one.
      await page
        .getByRole("group", { name: "Crash-free sessions" })
        .getByText(/^98\.5\d*%$/)
        .waitFor();
      await page
        .getByRole("region", { name: "New issues" })
        .getByText(/cart tree too deep/)
        .waitFor();
      await page.getByRole("region", { name: "Commits" }).getByText("Guard the cart walk").waitFor();
      await page.getByRole("region", { name: "Deploys" }).getByText("production").waitFor();
      await page.getByRole("region", { name: "Artifacts" }).getByText("~/static/app.js.map").waitFor();
      await expectNoSidewaysScroll(`release page at ${size.width}px`);
      await screenshot(page, `stored-release-${size.name}`);
    });
  }
});
