import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ApiExceptionValue } from "@faultline/core";
import type { Database } from "@faultline/db";
import { DEFAULT_SOURCE_MAP_SETTINGS, type RunningWorker } from "@faultline/worker";
import { chromium, type Browser } from "playwright-core";
import { bearerFor, createTestUser } from "../support/api";
import { sentryBrowserBundle } from "../support/browser-bundle";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  startTestWorker,
  testArtifactsDir,
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
  // A small limit, so "a map too large to read" needs only a few megabytes here.
  worker = startTestWorker(db, 4, {
    sourceMaps: { ...DEFAULT_SOURCE_MAP_SETTINGS, artifactsDir: testArtifactsDir(), maxBytes: 2 * 1024 * 1024 },
  });
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

async function crashInBrowser(appUrl: string, projectId: number) {
  const tab = await browser.newPage();
  await tab.goto(appUrl);
  const event = await waitFor(
    async () => (await db.event.findFirst({ where: { projectId, title: { contains: "cart is empty" } } })) ?? undefined,
    30_000,
    "the browser's error to be stored",
  );
  await tab.close();
  return event;
}

function framesOf(data: unknown): { frames: Frame[]; raw: Frame[] | undefined } {
  const exception = (
    data as { exception: { values: { stacktrace: { frames: Frame[] }; raw_stacktrace?: { frames: Frame[] } }[] } }
  ).exception.values[0]!;
  return { frames: exception.stacktrace.frames, raw: exception.raw_stacktrace?.frames };
}

describe("sentry-cli uploads and symbolication of @sentry/browser errors", () => {
  it("releases new, sourcemaps inject + upload, finalize, deploys new; the browser error reads like the source", async () => {
    const { project, auth, target } = await setUp("Shop Front");
    const release = "shop@2.0.0";
    const app = buildMinifiedApp();

    await sentryCli(target, ["releases", "new", release]);
    await sentryCli(target, [
      "releases",
      "set-commits",
      release,
      "--commit",
      "acme/shop@0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6",
    ]);
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
    const event = await crashInBrowser(appUrl, project.projectId);
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
    await expectApiFrames(auth, project.projectSlug, event.eventId);

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

/**
 * The same event through the API, as Sentry answers it: original frames with their numbered
 * source lines, and the minified frames the browser reported as `rawStacktrace`.
 */
async function expectApiFrames(auth: string, projectSlug: string, eventId: string) {
  const res = await fetch(`${server.url}/api/0/projects/acme/${projectSlug}/events/${eventId.replace(/-/g, "")}/`, {
    headers: { authorization: auth },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { entries: { type: string; data: { values: ApiExceptionValue[] } }[] };
  const exception = body.entries.find((entry) => entry.type === "exception")!.data.values.at(-1)!;
  const top = exception.stacktrace!.frames.at(-1)!;
  expect(top).toMatchObject({ function: "validateCart", lineNo: 5, inApp: true });
  expect(top.context).toContainEqual([5, '    throw new Error("cart is empty: " + formatPrice(cart.total));']);
  expect(top.context[0]).toEqual([1, 'import { formatPrice } from "./format.js";']);
  const minified = exception.rawStacktrace!.frames.at(-1)!;
  expect(minified.absPath).toMatch(/\/dist\/app\.min\.js$/);
  expect(minified.lineNo).not.toBe(5);
  expect(minified.colNo).toEqual(expect.any(Number));
}

/** Where `new Error(` is in the built file: the position V8 reports for the throwing frame. */
function throwPosition(dist: string): { lineno: number; colno: number } {
  const lines = readFileSync(path.join(dist, "app.min.js"), "utf8").split("\n");
  const lineIndex = lines.findIndex((line) => line.includes("new Error("));
  return { lineno: lineIndex + 1, colno: (lines[lineIndex] ?? "").indexOf("new Error(") + 1 };
}

/** A browser-like event from the minified build, sent to /store/ as raven-era SDKs do. */
async function sendMinifiedEvent(
  project: { projectId: number; publicKey: string },
  release: string,
  position: { lineno: number; colno: number },
  scriptUrl = "https://shop.example.com/dist/app.min.js",
) {
  const eventId = crypto.randomUUID().replace(/-/g, "");
  const res = await fetch(
    `${server.url}/api/${project.projectId}/store/?sentry_key=${project.publicKey}&sentry_version=7`,
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        event_id: eventId,
        platform: "javascript",
        release,
        exception: {
          values: [
            {
              type: "Error",
              value: `cart is empty: 12.34 EUR (${release})`,
              stacktrace: {
                frames: [{ abs_path: scriptUrl, filename: scriptUrl, function: "e", in_app: true, ...position }],
              },
            },
          ],
        },
      }),
    },
  );
  expect(res.status).toBe(200);
  return waitFor(
    async () =>
      (await db.event.findFirst({ where: { projectId: project.projectId, eventId: toUuid(eventId) } })) ?? undefined,
    15_000,
    `event ${eventId} to be stored`,
  );
}

function toUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The legacy endpoint: one release file per URL (`name`), with optional headers. */
async function uploadReleaseFile(
  auth: string,
  projectSlug: string,
  release: string,
  name: string,
  data: Buffer | string,
) {
  const form = new FormData();
  form.set("file", new Blob([data]), name.split("/").pop());
  form.set("name", name);
  const res = await fetch(
    `${server.url}/api/0/projects/acme/${projectSlug}/releases/${encodeURIComponent(release)}/files/`,
    { method: "POST", headers: { authorization: auth }, body: form },
  );
  expect(res.status).toBe(201);
}

describe("the release + URL path (no debug ids)", () => {
  it("sentry-cli sourcemaps upload --release --url-prefix, then a browser error of that release", async () => {
    const { project, target } = await setUp("Legacy Shop");
    const release = "legacy-shop@1.0.0";
    const app = buildMinifiedApp();
    await sentryCli(target, ["releases", "new", release]);
    await sentryCli(target, ["sourcemaps", "upload", "--release", release, "--url-prefix", "~/dist", app.dist]);

    const appUrl = await serveApp(app.dist, project.dsnFor(server.url), release);
    const event = await crashInBrowser(appUrl, project.projectId);
    const data = event.data as { debug_meta?: unknown; errors?: unknown[] };
    expect(data.debug_meta).toBeUndefined();
    const top = framesOf(event.data).frames.at(-1)!;
    expect(top).toMatchObject({ function: "validateCart", lineno: 5, data: { resolved_with: "release" } });
    expect(top.filename).toMatch(/src\/checkout\.js$/);
    expect(data.errors ?? []).toEqual([]);
  });

  it("release files uploaded to the legacy files endpoint symbolicate events of that release", async () => {
    const { project, auth } = await setUp("Files Shop");
    const release = "files-shop@3.1.0";
    const app = buildMinifiedApp();
    await fetch(`${server.url}/api/0/projects/acme/${project.projectSlug}/releases/`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/json" },
      body: JSON.stringify({ version: release }),
    });
    await uploadReleaseFile(
      auth,
      project.projectSlug,
      release,
      "~/dist/app.min.js",
      readFileSync(path.join(app.dist, "app.min.js")),
    );
    await uploadReleaseFile(
      auth,
      project.projectSlug,
      release,
      "~/dist/app.min.js.map",
      readFileSync(path.join(app.dist, "app.min.js.map")),
    );
    const listed = await fetch(
      `${server.url}/api/0/organizations/acme/releases/${encodeURIComponent(release)}/files/`,
      { headers: { authorization: auth } },
    );
    expect(((await listed.json()) as { name: string }[]).map((file) => file.name).sort()).toEqual([
      "~/dist/app.min.js",
      "~/dist/app.min.js.map",
    ]);

    const event = await sendMinifiedEvent(project, release, throwPosition(app.dist));
    const { frames, raw } = framesOf(event.data);
    expect(frames[0]).toMatchObject({
      lineno: 5,
      context_line: '    throw new Error("cart is empty: " + formatPrice(cart.total));',
    });
    expect(frames[0]?.abs_path).toBe("https://shop.example.com/src/checkout.js");
    expect(raw?.[0]?.abs_path).toBe("https://shop.example.com/dist/app.min.js");
  });
});

describe("maps that cannot be used", () => {
  it("a broken map, a missing map and a huge map: the events are stored as sent, the errors noted, the worker healthy", async () => {
    const { project, auth } = await setUp("Broken Shop");
    const app = buildMinifiedApp();
    const minified = readFileSync(path.join(app.dist, "app.min.js"));
    const position = throwPosition(app.dist);
    const cases = [
      { release: "broken@1", map: Buffer.from('{"version": 3, "mappings": ') },
      { release: "missing@1", map: undefined },
      {
        release: "huge@1",
        map: Buffer.from(
          JSON.stringify({
            version: 3,
            sources: ["big.js"],
            sourcesContent: ["x".repeat(3 * 1024 * 1024)],
            mappings: "AAAA",
          }),
        ),
      },
    ];
    for (const { release, map } of cases) {
      await fetch(`${server.url}/api/0/organizations/acme/releases/`, {
        method: "POST",
        headers: { authorization: auth, "content-type": "application/json" },
        body: JSON.stringify({ version: release, projects: [project.projectSlug] }),
      });
      await uploadReleaseFile(auth, project.projectSlug, release, "~/dist/app.min.js", minified);
      if (map) await uploadReleaseFile(auth, project.projectSlug, release, "~/dist/app.min.js.map", map);
    }

    const errorsOf = async (release: string) => {
      const event = await sendMinifiedEvent(project, release, position);
      const { frames, raw } = framesOf(event.data);
      expect(frames[0]).toMatchObject({
        abs_path: "https://shop.example.com/dist/app.min.js",
        function: "e",
        ...position,
      });
      expect(raw).toBeUndefined();
      return (event.data as { errors?: unknown[] }).errors;
    };
    expect(await errorsOf("broken@1")).toEqual([{ type: "js_invalid_source", url: "~/dist/app.min.js.map" }]);
    expect(await errorsOf("missing@1")).toEqual([{ type: "js_no_source", url: "~/dist/app.min.js.map" }]);
    expect(await errorsOf("huge@1")).toEqual([{ type: "js_too_large", url: "~/dist/app.min.js.map" }]);

    // Nothing failed, and the next event of a readable release is symbolicated as usual.
    expect(await server.queue.queue.getFailedCount()).toBe(0);
    await fetch(`${server.url}/api/0/organizations/acme/releases/`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/json" },
      body: JSON.stringify({ version: "fixed@1", projects: [project.projectSlug] }),
    });
    await uploadReleaseFile(auth, project.projectSlug, "fixed@1", "~/dist/app.min.js", minified);
    await uploadReleaseFile(
      auth,
      project.projectSlug,
      "fixed@1",
      "~/dist/app.min.js.map",
      readFileSync(path.join(app.dist, "app.min.js.map")),
    );
    const fixed = await sendMinifiedEvent(project, "fixed@1", position);
    expect(framesOf(fixed.data).frames[0]).toMatchObject({ function: "e", lineno: 5 });
  });
});
