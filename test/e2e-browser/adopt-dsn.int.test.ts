import type { Database } from "@faultline/db";
import type { Browser, Page } from "playwright-core";
import { openDatabase, resetState, startTestServer, waitFor, type TestServer } from "../support/harness";
import { WEB_DIST, launchBrowser, screenshot, setUpThroughUi } from "./browser";

let db: Database;
let server: TestServer;
let browser: Browser;
let page: Page;

const KEY = "0123456789abcdef0123456789abcdef";
const SENTRY_ID = 4505123456789012;

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  browser = await launchBrowser();
  server = await startTestServer(db, { webRoot: WEB_DIST });
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
}, 30_000);
afterAll(async () => {
  await screenshot(page, "last-adopt-dsn");
  await browser?.close();
  await server.close();
  await db.$disconnect();
});

describe("Add an existing DSN, in a real browser", () => {
  it("adopts a pasted Sentry DSN: the key list shows it with Faultline's host, and ingest takes it", async () => {
    await setUpThroughUi(page, server.url, "Checkout", "Node.js");
    await page.goto(`${server.url}/organizations/acme/projects/checkout`);
    await page
      .getByLabel("Existing DSN")
      .fill(`https://${KEY}:fedcba9876543210fedcba9876543210@o1.ingest.sentry.io/${SENTRY_ID}`);
    await page.getByRole("button", { name: "Add DSN" }).click();
    const host = new URL(server.url).host;
    await page
      .getByTestId("dsn")
      .filter({ hasText: `http://${KEY}@${host}/${SENTRY_ID}` })
      .waitFor();
    const accepted = await waitFor(
      async () =>
        (
          await fetch(`${server.url}/api/${SENTRY_ID}/store/?sentry_key=${KEY}&sentry_version=7`, {
            method: "POST",
            body: JSON.stringify({ message: "adopted in the browser" }),
          })
        ).status === 200,
      5000,
      "the adopted DSN to be accepted",
    );
    expect(accepted).toBe(true);

    // The same DSN again is refused, and the form says why.
    await page.getByLabel("Existing DSN").fill(`https://${KEY}@o1.ingest.sentry.io/${SENTRY_ID}`);
    await page.getByRole("button", { name: "Add DSN" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: "This public key is already used by project acme/checkout." })
      .waitFor();
    expect(await db.projectKey.count({ where: { publicKey: KEY } })).toBe(1);
  });
});
