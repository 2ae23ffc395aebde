import type { Database } from "@faultline/db";
import type { Browser, Page } from "playwright-core";
import { createTestUser } from "../support/api";
import { childPorts } from "../support/child-processes";
import { createTestProject, openDatabase, resetState, startTestServer, type TestServer } from "../support/harness";
import { startOidcProvider, type TestOidcProvider } from "../support/oidc-provider";
import { WEB_DIST, launchBrowser, screenshot } from "./browser";

let db: Database;
let server: TestServer;
let provider: TestOidcProvider;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  db = openDatabase();
  browser = await launchBrowser();
  const [port] = childPorts(1) as [number];
  server = await startTestServer(db, {
    webRoot: WEB_DIST,
    api: {
      oidc: {
        issuer: `http://127.0.0.1:${port}`,
        clientId: "faultline-test",
        clientSecret: "faultline-test-secret-0123456789abcdef",
        allowedDomains: [],
        defaultRole: "member",
        defaultOrganization: "acme",
        buttonLabel: "Acme SSO",
      },
    },
  });
  provider = await startOidcProvider({
    port,
    redirectUri: `${server.url}/api/0/auth/oidc/callback/`,
    accounts: {
      ana: { email: "ana@example.com", email_verified: true, name: "Ana Lima" },
      eve: { email: "eve@example.com", email_verified: false },
    },
  });
}, 60_000);
afterAll(async () => {
  await provider?.stop();
  await server?.close();
  await browser?.close();
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  await createTestProject(db, "Checkout", "acme");
  // Someone set the server up already (else the sign-in page sends to first-run set-up).
  await createTestUser(db, "owner@example.com", { acme: "owner" });
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  // The test provider's pages import a web font: no network here, so refuse it at once.
  await page.route(/fonts\.googleapis\.com/, (route) => route.abort());
});
afterEach(async () => {
  await screenshot(page, `last-${expect.getState().currentTestName?.slice(0, 40).replace(/\W+/g, "-")}`);
  await page.close();
});

async function signInAtProvider(accountId: string) {
  await page.goto(`${server.url}/login?next=${encodeURIComponent("/organizations/acme/issues/")}`);
  await page.getByRole("link", { name: "Sign in with Acme SSO" }).click();
  await page.locator('input[name="login"]').fill(accountId);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

it("signs in with the identity provider from the sign-in page and lands where it was going", async () => {
  await signInAtProvider("ana");
  await page.waitForURL(/\/organizations\/acme\/issues\/$/);
  await page.getByRole("link", { name: "ana@example.com" }).waitFor();
  const member = await db.organizationMember.findFirstOrThrow({ where: { user: { email: "ana@example.com" } } });
  expect(member.role).toBe("member");
});

it("an email the provider has not verified comes back to the sign-in page with the reason", async () => {
  await signInAtProvider("eve");
  await page.waitForURL(/\/login\?ssoError=/);
  await page.getByRole("alert").getByText("has not verified eve@example.com", { exact: false }).waitFor();
  expect(await db.user.count()).toBe(1);
});
