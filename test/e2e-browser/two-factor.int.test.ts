import type { Database } from "@faultline/db";
import type { Browser, Page } from "playwright-core";
import { TEST_PASSWORD, createTestUser } from "../support/api";
import { createTestProject, openDatabase, resetState, startTestServer, type TestServer } from "../support/harness";
import { nextCode } from "../support/two-factor";
import { totpCode } from "../../server/src/auth/two-factor/totp";
import { WEB_DIST, launchBrowser, screenshot } from "./browser";

let db: Database;
let server: TestServer;
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
  await createTestProject(db, "Checkout", "acme");
  await createTestUser(db, "ana@example.com", { acme: "member" });
  server = await startTestServer(db, { webRoot: WEB_DIST });
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
});
afterEach(async () => {
  await screenshot(page, `last-${expect.getState().currentTestName?.slice(0, 40).replace(/\W+/g, "-")}`);
  await page.close();
  await server.close();
});

async function signInWithPassword(next = "/organizations/acme/issues/") {
  await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill("ana@example.com");
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function logOut() {
  await page.getByRole("button", { name: "Log out" }).click();
  await page.waitForURL(/\/login$/);
}

it("enrol from the account page, sign out, sign in with a code from the app, then with a recovery code", async () => {
  await signInWithPassword();
  await page.waitForURL(/\/organizations\/acme\/issues\/$/);

  await page.goto(`${server.url}/settings/account/`);
  const section = page.locator("section.panel", {
    has: page.getByRole("heading", { name: "Two-factor authentication" }),
  });
  await section.getByRole("button", { name: "Set up two-factor authentication" }).click();
  await section.getByRole("img", { name: "QR code for your authenticator app" }).waitFor();
  // The QR code loads under the dashboard's CSP (images from this origin only).
  await page.waitForFunction("(document.querySelector('img.two-factor-qr')?.naturalWidth ?? 0) > 0");
  const secret = ((await section.getByLabel("Secret key").textContent()) ?? "").trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await screenshot(page, "two-factor-enrol");
  await section.getByLabel("Code from the app").fill(totpCode(secret));
  await section.getByRole("button", { name: "Turn on" }).click();
  const codes = ((await section.getByLabel("Recovery codes").textContent()) ?? "").trim().split("\n");
  expect(codes).toHaveLength(10);
  await section.getByRole("button", { name: "I saved my recovery codes" }).click();
  await section.getByText("10 of 10 recovery codes left").waitFor();

  await logOut();
  await signInWithPassword();
  await page.getByRole("heading", { name: "Two-factor authentication" }).waitFor();
  // Not signed in yet: the password alone opened no session.
  expect((await page.request.get(`${server.url}/api/0/`)).ok()).toBe(true);
  expect(((await (await page.request.get(`${server.url}/api/0/`)).json()) as { user: unknown }).user).toBeNull();
  await page.getByLabel("Code").fill("000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await page.getByRole("alert").getByText("Invalid or already used code.").waitFor();
  await page.getByLabel("Code").fill(nextCode(secret));
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL(/\/organizations\/acme\/issues\/$/);
  await page.getByRole("link", { name: "ana@example.com" }).waitFor();

  await logOut();
  await signInWithPassword("/organizations/acme/projects/");
  await page.getByRole("button", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(codes[0] as string);
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL(/\/organizations\/acme\/projects\/$/);
  await page.goto(`${server.url}/settings/account/`);
  await page.getByText("9 of 10 recovery codes left").waitFor();
});

it("an organization that requires two-factor shows the set-up form to a member without it", async () => {
  await db.organization.update({ where: { slug: "acme" }, data: { require2FA: true } });
  await signInWithPassword();
  await page.getByRole("heading", { name: "Two-factor authentication required" }).waitFor();
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const secret = ((await page.getByLabel("Secret key").textContent()) ?? "").trim();
  await page.getByLabel("Code from the app").fill(totpCode(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  await page.getByRole("button", { name: "I saved my recovery codes" }).click();
  await page.getByRole("link", { name: "ana@example.com" }).waitFor();
  expect(await page.getByRole("heading", { name: "Two-factor authentication required" }).count()).toBe(0);
});
