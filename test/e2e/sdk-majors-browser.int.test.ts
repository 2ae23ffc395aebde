import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import request from "supertest";
import { memberWithToken } from "../support/api";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  startTestWorker,
  type TestServer,
} from "../support/harness";
import { bundleSentryBrowser } from "../support/sdk-browser-bundle";
import { expectScenarioStored, scenarioScript, SCENARIO } from "../support/sdk-scenario";

// Every @sentry/browser major still found in production (npm aliases of older majors; 11 is the
// current `@sentry/browser`), each on its own page in Chromium. The page claims a fixed desktop
// Chrome, so the browser and os tags Faultline derives from the User-Agent are known.
const USER_AGENT =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
const SDKS: [string, string][] = [
  ["@sentry/browser 5", "sentry-browser-5"],
  ["@sentry/browser 6", "sentry-browser-6"],
  ["@sentry/browser 7", "sentry-browser-7"],
  ["@sentry/browser 8", "sentry-browser-8"],
  ["@sentry/browser 9", "sentry-browser-9"],
  ["@sentry/browser 10", "sentry-browser-10"],
  ["@sentry/browser 11", "@sentry/browser"],
];

let db: Database;
let server: TestServer;
let worker: RunningWorker;
let pages: Server;
let pagesUrl: string;
let browser: Browser;
let tabs: BrowserContext;
const bundles = new Map<string, string>();
const projects = new Map<string, { organizationSlug: string; projectSlug: string }>();

jest.setTimeout(60_000);

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  server = await startTestServer(db);
  worker = startTestWorker(db);
  for (const [, pkg] of SDKS) bundles.set(pkg, await bundleSentryBrowser(pkg));
  pages = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const bundle = bundles.get(url.searchParams.get("sdk") ?? "");
    if (url.pathname === "/sentry.js" && bundle) {
      res.writeHead(200, { "content-type": "text/javascript" }).end(bundle);
      return;
    }
    res.writeHead(200, { "content-type": "text/html" }).end(appPage(url.searchParams));
  });
  await new Promise<void>((resolve) => pages.listen(0, "127.0.0.1", () => resolve()));
  // The application's own origin (localhost), not the tracker's (127.0.0.1): every send is CORS.
  pagesUrl = `http://localhost:${(pages.address() as AddressInfo).port}/`;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  tabs = await browser.newContext({ userAgent: USER_AGENT });
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (pages ? pages.close(() => resolve()) : resolve()));
  await server.close();
  await worker.close();
  await db.$disconnect();
});

function appPage(params: URLSearchParams): string {
  const sdk = params.get("sdk") ?? "";
  const dsn = params.get("dsn") ?? "";
  return `<!doctype html><html><head>
<script src="/sentry.js?sdk=${encodeURIComponent(sdk)}"></script>
<script>
Sentry.init({ dsn: ${JSON.stringify(dsn)}, release: ${JSON.stringify(SCENARIO.release)} });
${scenarioScript("Sentry")}
</script></head><body>app</body></html>`;
}

describe("the scenario from every browser SDK major", () => {
  it.each(SDKS)("%s", async (name, pkg) => {
    const project = await createTestProject(db, name);
    projects.set(name, project);
    const tab = await tabs.newPage();
    const failed: string[] = [];
    tab.on("requestfailed", (sent) => failed.push(`${sent.method()} ${sent.url()}`));
    const query = new URLSearchParams({ sdk: pkg, dsn: project.dsnFor(server.url) });
    await tab.goto(`${pagesUrl}?${query.toString()}`);
    const { tags } = await expectScenarioStored(db, project.projectId);
    await tab.close();
    expect(failed).toEqual([]);
    for (const eventTags of tags) {
      expect(eventTags).toMatchObject({
        browser: "Chrome 120.0.0",
        "browser.name": "Chrome",
        os: "Windows >=10",
        "os.name": "Windows",
      });
    }
  });

  it("issue search finds them by the derived browser tag, exactly or with a wildcard", async () => {
    const { auth } = await memberWithToken(db, "ops@example.com", "acme", "member");
    const project = projects.get("@sentry/browser 11");
    if (!project) throw new Error("the @sentry/browser 11 case did not run");
    const api = request(server.url);
    const count = async (query: string): Promise<number> => {
      const listed = await api
        .get(
          `/api/0/projects/${project.organizationSlug}/${project.projectSlug}/issues/?query=${encodeURIComponent(query)}`,
        )
        .set("Authorization", auth);
      expect(listed.status).toBe(200);
      return (listed.body as unknown[]).length;
    };
    expect(await count('browser:"Chrome 120.0.0"')).toBe(3);
    expect(await count('browser:"Chrome 120*"')).toBe(3);
    expect(await count("os.name:Windows")).toBe(3);
    // Like Sentry, a tag value matches whole: a bare major is not the browser tag's value.
    expect(await count('browser:"Chrome 120"')).toBe(0);
  });
});
