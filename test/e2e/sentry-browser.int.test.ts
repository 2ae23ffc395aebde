import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import { chromium, type Browser } from "playwright-core";
import { sentryBrowserBundle } from "../support/browser-bundle";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  startTestWorker,
  waitFor,
  type TestServer,
} from "../support/harness";

let db: Database;
let server: TestServer;
let worker: RunningWorker;
let page: Server;
let browser: Browser;

jest.setTimeout(90_000);

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  server = await startTestServer(db);
  worker = startTestWorker(db);
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
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (page ? page.close(() => resolve()) : resolve()));
  await server.close();
  await worker.close();
  await db.$disconnect();
});

/** The application's own origin (localhost:<port>), not the tracker's (127.0.0.1:<port>). */
async function serveApp(dsn: string): Promise<string> {
  const bundle = await sentryBrowserBundle();
  const html = `<!doctype html><html><head><script src="/sentry.js"></script><script>
    Sentry.init({
      dsn: ${JSON.stringify(dsn)},
      release: "web@1.0.0",
      // A non-simple content type makes every send a CORS request with a preflight.
      transportOptions: { headers: { "Content-Type": "application/x-sentry-envelope" } },
    });
    Sentry.captureMessage("hello from the browser", "warning");
    Promise.reject(new Error("rejected and never handled"));
    setTimeout(function () { throw new RangeError("index out of range in the browser"); }, 10);
  </script></head><body>app</body></html>`;
  page = createServer((req, res) => {
    if (req.url === "/sentry.js") res.writeHead(200, { "content-type": "text/javascript" }).end(bundle);
    else res.writeHead(200, { "content-type": "text/html" }).end(html);
  });
  await new Promise<void>((resolve) => page.listen(0, "127.0.0.1", () => resolve()));
  return `http://localhost:${(page.address() as AddressInfo).port}/`;
}

describe("@sentry/browser in headless Chromium, on another origin", () => {
  it("reports an uncaught error, an unhandled rejection and a captured message", async () => {
    const project = await createTestProject(db, "Browser App");
    const appUrl = await serveApp(project.dsnFor(server.url));
    const tab = await browser.newPage();
    const failed: string[] = [];
    tab.on("requestfailed", (request) => failed.push(`${request.method()} ${request.url()}`));
    await tab.goto(appUrl);
    await waitFor(async () => ((await db.event.count()) >= 3 ? true : undefined), 30_000, "three stored events");
    const titles = (await db.issue.findMany({ select: { title: true } })).map((issue) => issue.title).sort();
    expect(titles).toEqual([
      "Error: rejected and never handled",
      "RangeError: index out of range in the browser",
      "hello from the browser",
    ]);
    expect(failed).toEqual([]);
    const event = await db.event.findFirstOrThrow({ where: { title: "hello from the browser" } });
    expect(event).toMatchObject({ release: "web@1.0.0", level: "warning", platform: "javascript" });
  });
});
