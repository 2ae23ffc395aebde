import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import { chromium, type Browser } from "playwright-core";
import { bearerFor, createTestUser } from "../support/api";
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
import { buildMinifiedApp } from "../support/minified-app";
import { sentryCli, type SentryCliTarget } from "../support/sentry-cli";

let db: Database;
let server: TestServer;
let worker: RunningWorker;
let browser: Browser;
let sentryJs: string;
const pages: Server[] = [];

jest.setTimeout(120_000);

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  server = await startTestServer(db);
  worker = startTestWorker(db);
  sentryJs = await sentryBrowserBundle();
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
});
afterAll(async () => {
  await browser?.close();
  for (const page of pages) page.closeAllConnections();
  await Promise.all(pages.map((page) => new Promise<void>((resolve) => page.close(() => resolve()))));
  await server.close();
  await worker.close();
  await db.$disconnect();
});

interface Frame {
  function?: string;
  filename?: string;
  abs_path?: string;
  lineno?: number;
  colno?: number;
  context_line?: string;
  pre_context?: string[];
  post_context?: string[];
  in_app?: boolean;
}

/** Serves the built app on its own origin; the page throws from the minified bundle. */
async function serveApp(dist: string, dsn: string, release: string): Promise<string> {
  const html = `<!doctype html><html><head><script src="/sentry.js"></script><script>
    Sentry.init({ dsn: ${JSON.stringify(dsn)}, release: ${JSON.stringify(release)}, environment: "production" });
  </script><script src="/dist/app.min.js"></script><script>
    setTimeout(function () { window.startCheckout(); }, 10);
  </script></head><body>shop</body></html>`;
  const page = createServer((req, res) => {
    if (req.url === "/sentry.js") return void res.writeHead(200, { "content-type": "text/javascript" }).end(sentryJs);
    if (req.url === "/dist/app.min.js")
      return void res
        .writeHead(200, { "content-type": "text/javascript" })
        .end(readFileSync(path.join(dist, "app.min.js")));
    res.writeHead(200, { "content-type": "text/html" }).end(html);
  });
  pages.push(page);
  await new Promise<void>((resolve) => page.listen(0, "127.0.0.1", () => resolve()));
  return `http://localhost:${(page.address() as AddressInfo).port}/`;
}

async function setUp(projectName: string) {
  const project = await createTestProject(db, projectName, "acme");
  const owner = await createTestUser(db, `owner-${project.projectId}@example.com`, { acme: "owner" });
  const auth = await bearerFor(db, owner.id, ["read", "write"]);
  const target: SentryCliTarget = {
    url: server.url,
    token: auth.slice("Bearer ".length),
    org: "acme",
    project: project.projectSlug,
  };
  return { project, auth, target };
}

async function crashInBrowser(appUrl: string) {
  const tab = await browser.newPage();
  await tab.goto(appUrl);
  const event = await waitFor(
    async () => (await db.event.findFirst({ where: { title: { contains: "cart is empty" } } })) ?? undefined,
    30_000,
    "the browser's error to be stored",
  );
  await tab.close();
  return event;
}

function framesOf(data: unknown): { frames: Frame[]; raw: Frame[] | undefined } {
  const exception = (data as { exception: { values: { stacktrace: { frames: Frame[] }; raw_stacktrace?: { frames: Frame[] } }[] } })
    .exception.values[0]!;
  return { frames: exception.stacktrace.frames, raw: exception.raw_stacktrace?.frames };
}

describe("sentry-cli uploads and symbolication of @sentry/browser errors", () => {
  it("releases new, sourcemaps inject + upload, finalize, deploys new; the browser error reads like the source", async () => {
    const { project, auth, target } = await setUp("Shop Front");
    const release = "shop@2.0.0";
    const app = buildMinifiedApp();

    await sentryCli(target, ["releases", "new", release]);
    await sentryCli(target, ["releases", "set-commits", release, "--commit", "acme/shop@0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6"]);
    const injected = await sentryCli(target, ["sourcemaps", "inject", app.dist]);
    expect(injected).toMatch(/debug id/i);
    await sentryCli(target, ["sourcemaps", "upload", "--release", release, app.dist]);
    await sentryCli(target, ["releases", "finalize", release]);
    await sentryCli(target, ["deploys", "new", "--release", release, "-e", "production", "-n", "deploy 1"]);

    const bundle = await db.artifactBundle.findFirstOrThrow({ include: { files: true } });
    expect(bundle.release).toBe(release);
    expect(bundle.files.map((file) => file.fileType).sort()).toEqual(["minified_source", "source_map"]);
    expect(bundle.files.every((file) => file.debugId !== null)).toBe(true);

    const appUrl = await serveApp(app.dist, project.dsnFor(server.url), release);
    const event = await crashInBrowser(appUrl);
    const { frames, raw } = framesOf(event.data);
    const top = frames.at(-1)!;
    expect(top).toMatchObject({
      function: "validateCart",
      lineno: 5,
      context_line: '    throw new Error("cart is empty: " + formatPrice(cart.total));',
      in_app: true,
    });
    expect(top.filename).toMatch(/src\/checkout\.js$/);
    expect(top.pre_context).toEqual([
      'import { formatPrice } from "./format.js";',
      "",
      "export function validateCart(cart) {",
      "  if (cart.items.length === 0) {",
    ]);
    expect(top.post_context?.[0]).toBe("  }");
    expect(frames.at(-2)).toMatchObject({ function: "checkoutCart", lineno: 11 });
    expect(frames.at(-2)?.filename).toMatch(/src\/checkout\.js$/);
    expect(frames.at(-3)?.filename).toMatch(/src\/main\.js$/);
    // The minified frames are kept, as Sentry keeps them.
    expect(raw?.at(-1)?.abs_path).toMatch(/\/dist\/app\.min\.js$/);
    expect(raw?.at(-1)?.lineno).not.toBe(5);
    expect((event.data as { errors?: unknown[] }).errors ?? []).toEqual([]);

    const issue = await db.issue.findFirstOrThrow({ where: { id: event.issueId } });
    expect(issue.culprit).toMatch(/^validateCart\(.*src\/checkout\.js\)$/);

    const detail = await fetch(`${server.url}/api/0/organizations/acme/releases/${encodeURIComponent(release)}/`, {
      headers: { authorization: auth },
    });
    expect(detail.status).toBe(200);
    const body = (await detail.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ version: release, newGroups: 1, deployCount: 1 });
    // set-commits reads the commits from the local git history, as it does against Sentry.
    expect(body.commitCount).toBeGreaterThan(0);
    expect(body.dateReleased).toEqual(expect.any(String));
    expect(body.lastDeploy).toMatchObject({ environment: "production", name: "deploy 1" });

    const listed = await sentryCli(target, ["releases", "list"]);
    expect(listed).toContain(release);
  });
});
