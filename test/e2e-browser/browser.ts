import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

export const ROOT = path.resolve(__dirname, "../..");
export const WEB_DIST = path.join(ROOT, "web/dist");
export const SCREENSHOTS = path.join(ROOT, "artifacts/screenshots");
const CHROMIUM = "/usr/bin/chromium";

/** Debian's headless Chromium (CI installs it); never a browser download. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  if (!existsSync(path.join(WEB_DIST, "index.html")))
    throw new Error(`${WEB_DIST} is missing: run "npm run build" first (npm test does)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** First run through the UI: the set-up page, then a project; returns the project's DSN. */
export async function setUpThroughUi(page: Page, baseUrl: string, projectName: string, platform: string) {
  await page.goto(baseUrl);
  await page.waitForURL(/\/setup$/);
  await page.getByLabel("Your name").fill("Dana Oncall");
  await page.getByLabel("Email").fill("dana@example.com");
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByLabel("Organization").fill("Acme");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/organizations\/acme\/projects\/new\/$/);
  // The URL changes before the new page renders: wait for the page itself.
  await page.getByRole("heading", { name: "New project" }).waitFor();
  await page.getByLabel("Name", { exact: true }).fill(projectName);
  await page.getByLabel(platform).check();
  await page.getByRole("button", { name: "Create project" }).click();
  const dsn = (await page.getByTestId("dsn").first().textContent()) ?? "";
  return dsn.trim();
}
