import type { Database } from "@faultline/db";
import type { Browser, Page } from "playwright-core";
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
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
}, 30_000);
afterAll(async () => {
  await screenshot(page, "last-admin-screens");
  await browser?.close();
  await server.close();
  await db.$disconnect();
});

/** Sends one event with the DSN as an SDK would; the ingest answer's status. */
async function sendWithDsn(dsn: string): Promise<number> {
  const url = new URL(dsn);
  const projectId = url.pathname.replace(/\//g, "");
  const res = await fetch(`${server.url}/api/${projectId}/store/?sentry_key=${url.username}&sentry_version=7`, {
    method: "POST",
    body: JSON.stringify({ message: "from the admin screens test" }),
  });
  return res.status;
}

const settingsNav = () => page.getByRole("navigation", { name: "Settings" });

describe("admin screens in a real browser", () => {
  it("create an organization, a project in it, rename the project, set retention and a key rate limit, delete both", async () => {
    await setUpThroughUi(page, server.url, "Checkout", "Node.js");

    // The install's first user administers it: the organization switcher offers a new one.
    await page.getByLabel("Organization", { exact: true }).selectOption({ label: "+ New organization" });
    await page.waitForURL(/\/organizations\/new\/$/);
    await page.getByLabel("Name", { exact: true }).fill("Widgets");
    await page.getByRole("button", { name: "Create organization" }).click();
    await page.waitForURL(/\/organizations\/widgets\/projects\/new\/$/);
    await page.getByRole("heading", { name: "New project" }).waitFor();
    await page.getByLabel("Name", { exact: true }).fill("Storefront");
    await page.getByLabel("Node.js").check();
    await page.getByRole("button", { name: "Create project" }).click();
    const dsn = ((await page.getByTestId("dsn").first().textContent()) ?? "").trim();
    expect(dsn).toMatch(/^http:\/\/[0-9a-f]{32}@/);
    // The switcher knows the new organization without a reload.
    await page.getByLabel("Organization", { exact: true }).locator("option", { hasText: "Widgets" }).waitFor({
      state: "attached",
    });

    // Project settings: a new name and slug; the DSN keeps working.
    await page.getByRole("link", { name: "Project settings" }).click();
    await page.getByRole("heading", { name: "Storefront · settings" }).waitFor();
    const general = page.getByRole("form", { name: "Project name" });
    await general.getByLabel("Name", { exact: true }).fill("Shop");
    await general.getByLabel("Slug", { exact: true }).fill("shop");
    await general.getByRole("button", { name: "Save name" }).click();
    await page.waitForURL(/\/organizations\/widgets\/settings\/projects\/shop\/$/);
    await page.getByRole("heading", { name: "Shop · settings" }).waitFor();
    expect(await sendWithDsn(dsn)).toBe(200);

    // Retention.
    const limits = page.getByRole("form", { name: "Project limits" });
    await limits.getByLabel("Retention (days)").fill("30");
    await limits.getByRole("button", { name: "Save limits" }).click();
    await limits.getByRole("status").filter({ hasText: "Limits saved." }).waitFor();
    const project = await db.project.findFirstOrThrow({ where: { slug: "shop", organization: { slug: "widgets" } } });
    expect(project.eventRetentionDays).toBe(30);

    // A rate limit on the project's key.
    await page.getByLabel("Events allowed").fill("100");
    await page.getByLabel("Rate limit window").selectOption({ label: "hour" });
    await page.getByRole("button", { name: "Save limit", exact: true }).click();
    const limited = await waitFor(
      async () => {
        const key = await db.projectKey.findFirstOrThrow({ where: { projectId: project.id } });
        return key.rateLimitCount === 100 && key.rateLimitWindowSeconds === 3600;
      },
      15_000,
      "the key's rate limit to be saved",
    );
    expect(limited).toBe(true);
    await screenshot(page, "project-settings");

    // Deleting needs the slug typed out.
    const danger = page.getByRole("region", { name: "Delete project" });
    const button = danger.getByRole("button", { name: "Delete project" });
    expect(await button.isDisabled()).toBe(true);
    await danger.getByLabel("Type shop to confirm").fill("shop");
    await button.click();
    await page.waitForURL(/\/organizations\/widgets\/settings\/projects\/$/);
    await page.getByText("This organization has no projects yet").waitFor();
    expect(await db.project.count({ where: { id: project.id } })).toBe(0);
    expect(await sendWithDsn(dsn)).toBeGreaterThanOrEqual(400);

    // The organization's own settings: a new name shows in the switcher; open membership off.
    await settingsNav().getByRole("link", { name: "Organization" }).click();
    const orgForm = page.getByRole("form", { name: "Organization settings" });
    await orgForm.getByLabel("Name", { exact: true }).fill("Widgets Inc");
    await orgForm.getByLabel(/Open membership/).uncheck();
    await orgForm.getByRole("button", { name: "Save changes" }).click();
    await orgForm.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await page.getByText("Changed organization settings").first().waitFor();
    expect(await db.organization.findUniqueOrThrow({ where: { slug: "widgets" } })).toMatchObject({
      name: "Widgets Inc",
      openMembership: false,
    });
    await page.getByLabel("Organization", { exact: true }).locator("option", { hasText: "Widgets Inc" }).waitFor({
      state: "attached",
    });
    await screenshot(page, "organization-settings");

    // Deleting the organization (its owner) leads back to the one left.
    const orgDanger = page.getByRole("region", { name: "Delete organization" });
    await orgDanger.getByLabel("Type widgets to confirm").fill("widgets");
    await orgDanger.getByRole("button", { name: "Delete organization" }).click();
    await page.waitForURL(/\/organizations\/acme\/issues\/$/);
    expect(await db.organization.count({ where: { slug: "widgets" } })).toBe(0);
    await page
      .getByLabel("Organization", { exact: true })
      .locator("option", { hasText: "Widgets" })
      .waitFor({ state: "detached" });
  }, 120_000);
});
