import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import type { Browser, Page } from "playwright-core";
import { testNotifySettings } from "../support/alerts";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  startTestWorker,
  waitFor,
  type TestServer,
} from "../support/harness";
import { startSmtpReceiver, type SmtpReceiver } from "../support/notify-receivers";
import { WEB_DIST, launchBrowser, screenshot } from "./browser";

let db: Database;
let server: TestServer;
let worker: RunningWorker;
let smtp: SmtpReceiver;
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
  smtp = await startSmtpReceiver();
  server = await startTestServer(db, { webRoot: WEB_DIST, api: { emailConfigured: true } });
  worker = startTestWorker(db, 2, {
    notify: testNotifySettings({ email: { smtpUrl: smtp.url, from: "Faultline <accounts@faultline.example.com>" } }),
  });
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
});
afterEach(async () => {
  await screenshot(page, `last-${expect.getState().currentTestName?.slice(0, 40).replace(/\W+/g, "-")}`);
  await page.close();
  await server.close();
  await worker.close();
  await smtp.close();
});

it("first run adopts the command line's organization; an invitation email's link creates the account, then it signs in", async () => {
  // A project made with the command line before anyone opened the dashboard.
  await createTestProject(db, "Checkout", "acme");

  await page.goto(server.url);
  await page.waitForURL(/\/setup$/);
  await page.getByText("owns the organization acme").waitFor();
  expect(await page.getByLabel("Organization").count()).toBe(0);
  await page.getByLabel("Your name").fill("Dana Oncall");
  await page.getByLabel("Email").fill("dana@example.com");
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/organizations\/acme\/projects\/$/);
  expect(await db.organization.count()).toBe(1);

  // Invite from Settings → Members.
  await page.goto(`${server.url}/organizations/acme/settings/members/`);
  await page.getByLabel("Email to invite").fill("new.person@example.com");
  await page.getByLabel("Role of the invited person").selectOption("admin");
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  await page.getByText("Invitation sent to new.person@example.com.").waitFor();
  await page.getByRole("table", { name: "Open invitations" }).getByText("new.person@example.com").waitFor();

  const mail = await waitFor(
    async () => smtp.mails.find((m) => m.to.includes("new.person@example.com")),
    30_000,
    "the invitation email",
  );
  const link = /Accept the invitation: (\S+)/.exec(mail.parsed.text)?.[1];
  expect(link?.startsWith(`${server.url}/accept/`)).toBe(true);

  // The invited person, in their own browser: open the link, create the account.
  const invitee = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  const theirs = await invitee.newPage();
  try {
    await theirs.goto(link ?? "");
    await theirs.getByRole("heading", { name: "Join acme" }).waitFor();
    await theirs.getByLabel("Your name").fill("New Person");
    await theirs.getByLabel("Password").fill("a long new password");
    await theirs.getByRole("button", { name: "Create account and join" }).click();
    await theirs.waitForURL(/\/organizations\/acme\/issues\/$/);
    await screenshot(theirs, "invite-accepted");

    // First sign-in with the new account, after signing out.
    await theirs.getByRole("button", { name: "Log out" }).click();
    await theirs.waitForURL(/\/login/);
    await theirs.getByLabel("Email").fill("new.person@example.com");
    await theirs.getByLabel("Password").fill("a long new password");
    await theirs.getByRole("button", { name: "Sign in" }).click();
    await theirs.getByRole("link", { name: "new.person@example.com" }).click();
    await theirs.getByRole("heading", { name: "Account" }).waitFor();
    await theirs.getByRole("table", { name: "Sessions" }).getByText("This browser").waitFor();
    await screenshot(theirs, "account-page");

    // The link was single-use.
    await theirs.goto(link ?? "");
    await theirs.getByText(/not valid/).waitFor();
  } finally {
    await invitee.close();
  }
  const member = await db.organizationMember.findFirstOrThrow({ where: { user: { email: "new.person@example.com" } } });
  expect(member.role).toBe("admin");
  // Dana's list no longer shows the invitation.
  await page.reload();
  await page.getByText("No open invitations.").waitFor();
}, 120_000);
