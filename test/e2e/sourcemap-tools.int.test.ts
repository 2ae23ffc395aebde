import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Database } from "@faultline/db";
import { DEFAULT_SOURCE_MAP_SETTINGS, type RunningWorker } from "@faultline/worker";
import { chromium, type Browser } from "playwright-core";
import { bearerFor, createTestUser } from "../support/api";
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
import { APP_SOURCES, buildMinifiedApp } from "../support/minified-app";
import { runSentryCli, sentryCli, type SentryCliRun, type SentryCliTarget } from "../support/sentry-cli";

// The upload tools as teams run them: sentry-cli 3.x and 2.x, and @sentry/esbuild-plugin
// (sentry-cli 2.x underneath), each through to an event whose frames read like the source.

let db: Database;
let server: TestServer;
let worker: RunningWorker;
let browser: Browser;
const pages: Server[] = [];

jest.setTimeout(120_000);

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  server = await startTestServer(db);
  worker = startTestWorker(db, 4, {
    sourceMaps: { ...DEFAULT_SOURCE_MAP_SETTINGS, artifactsDir: testArtifactsDir() },
  });
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
  context_line?: string;
  data?: { resolved_with?: string };
}

const SCRIPT_URL = "https://shop.example.com/dist/app.min.js";
const THROW_LINE = '    throw new Error("cart is empty: " + formatPrice(cart.total));';

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

/** The frames of the stored event's first exception (as the worker stored them). */
function framesOf(data: unknown): { frames: Frame[]; errors: unknown[] } {
  const event = data as { exception: { values: { stacktrace: { frames: Frame[] } }[] }; errors?: unknown[] };
  return { frames: event.exception.values[0]!.stacktrace.frames, errors: event.errors ?? [] };
}

/**
 * The debug id `sourcemaps inject` wrote into the built script (`//# debugId=`), or the one a
 * bundler plugin's snippet registers (`_sentryDebugIds[stack] = "…"`).
 */
function debugIdOf(script: string): string {
  const text = readFileSync(script, "utf8");
  const found =
    /\/\/# debugId=([0-9a-f-]{36})/i.exec(text) ?? /_sentryDebugIds\[[^\]]+\]\s*=\s*"([0-9a-f-]{36})"/i.exec(text);
  if (!found?.[1]) throw new Error(`${script} carries no debug id`);
  return found[1].toLowerCase();
}

/** Where `new Error(` is in the built file: the position V8 reports for the throwing frame. */
function throwPosition(script: string): { lineno: number; colno: number } {
  const lines = readFileSync(script, "utf8").split("\n");
  const lineIndex = lines.findIndex((line) => line.includes("new Error("));
  return { lineno: lineIndex + 1, colno: (lines[lineIndex] ?? "").indexOf("new Error(") + 1 };
}

/**
 * A browser-like event from the minified build whose only link to its map is the debug id in
 * `debug_meta` (no release), sent to /store/.
 */
async function sendDebugIdEvent(project: { projectId: number; publicKey: string }, script: string, message: string) {
  const eventId = crypto.randomUUID().replace(/-/g, "");
  const res = await fetch(
    `${server.url}/api/${project.projectId}/store/?sentry_key=${project.publicKey}&sentry_version=7`,
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        event_id: eventId,
        platform: "javascript",
        exception: {
          values: [
            {
              type: "Error",
              value: message,
              stacktrace: {
                frames: [
                  { abs_path: SCRIPT_URL, filename: SCRIPT_URL, function: "e", in_app: true, ...throwPosition(script) },
                ],
              },
            },
          ],
        },
        debug_meta: { images: [{ type: "sourcemap", code_file: SCRIPT_URL, debug_id: debugIdOf(script) }] },
      }),
    },
  );
  expect(res.status).toBe(200);
  return waitFor(
    async () =>
      (await db.event.findFirst({ where: { projectId: project.projectId, title: { contains: message } } })) ??
      undefined,
    15_000,
    `the event "${message}" to be stored`,
  );
}

/** The run's output, once it exited 0 (its output is the failure's message otherwise). */
function succeeded(run: SentryCliRun): string {
  const output = run.stdout + run.stderr;
  if (run.code !== 0) throw new Error(`sentry-cli exited ${run.code}:\n${output}`);
  return output;
}

function expectOriginalTopFrame(data: unknown) {
  const { frames, errors } = framesOf(data);
  expect(frames[0]).toMatchObject({ lineno: 5, context_line: THROW_LINE, data: { resolved_with: "debug-id" } });
  expect(frames[0]?.abs_path).toMatch(/src\/checkout\.js$/);
  expect(errors).toEqual([]);
}

describe("chunk upload options", () => {
  it("list the capabilities sentry-cli 2.x needs to chunk-upload source maps", async () => {
    const { auth } = await setUp("Options Shop");
    const res = await fetch(`${server.url}/api/0/organizations/acme/chunk-upload/`, {
      headers: { authorization: auth },
    });
    const body = (await res.json()) as { accept: string[] };
    expect(body.accept).toEqual(
      expect.arrayContaining(["release_files", "artifact_bundles", "artifact_bundles_v2", "debug_files", "sources"]),
    );
  });
});

describe.each([2, 3] as const)("sentry-cli %i.x", (major) => {
  it("sourcemaps inject + upload with no release: an artifact bundle, found by the event's debug id", async () => {
    const { project, target } = await setUp(`Bundle Shop ${major}`);
    const app = buildMinifiedApp();
    await sentryCli(target, ["sourcemaps", "inject", app.dist], undefined, major);
    const output = succeeded(await runSentryCli(target, ["sourcemaps", "upload", app.dist], { major }));
    expect(output).not.toMatch(/release (slug )?is required|DEPRECATION|deprecated upload/i);
    if (major === 2) expect(output).toMatch(/Upload type: artifact bundle/);

    const bundle = await db.artifactBundle.findFirstOrThrow({
      where: { projects: { some: { projectId: project.projectId } } },
      include: { files: true },
    });
    expect(bundle.release).toBe("");
    const event = await sendDebugIdEvent(project, path.join(app.dist, "app.min.js"), `cart is empty (cli ${major})`);
    expectOriginalTopFrame(event.data);
  });

  it("debug-files upload and upload-proguard: say native debug files are not supported, and exit 1", async () => {
    const { target } = await setUp(`Native App ${major}`);
    const dir = mkdtempSync(path.join(tmpdir(), "faultline-difs-"));
    writeFileSync(
      path.join(dir, "app.sym"),
      [
        "MODULE Linux x86_64 3B6E1E8F9A1B2C3D4E5F60718293A4B50 app",
        "FILE 0 /src/app.c",
        "FUNC 1000 10 0 main",
        "1000 10 3 0",
        "",
      ].join("\n"),
    );
    const run = await runSentryCli(target, ["debug-files", "upload", dir], { major });
    const output = run.stdout + run.stderr;
    expect(output).toContain("Faultline does not store native debug files");
    expect(output).toMatch(/ERROR\s+app/);
    expect(output).not.toMatch(/not found/i);
    expect(run.code).toBe(1);

    // ProGuard mappings: 3.x chunk-uploads them through the same assemble path, 2.x sends them
    // to the legacy one-file upload; both print the reason and fail.
    writeFileSync(path.join(dir, "mapping.txt"), "com.example.Shop -> a:\n    12:14:void checkout() -> a\n");
    const proguard = await runSentryCli(target, ["upload-proguard", path.join(dir, "mapping.txt")], { major });
    expect(proguard.stdout + proguard.stderr).toContain("Faultline does not store native debug files");
    expect(proguard.code).not.toBe(0);
  });
});

describe("sentry-cli with no project (SENTRY_PROJECT unset)", () => {
  it("2.x `files upload` creates the release and sends a release bundle, whose files become release files with their debug ids", async () => {
    const { project, target } = await setUp("Release Bundle Shop");
    const noProject = { ...target, project: "" };
    const release = "release-bundle@1.0.0";
    const app = buildMinifiedApp();
    await sentryCli(target, ["sourcemaps", "inject", app.dist], undefined, 2);
    const debugId = debugIdOf(path.join(app.dist, "app.min.js"));
    const args = ["files", "upload", "--release", release, "-H", `debug-id:${debugId}`, app.dist];
    succeeded(await runSentryCli(noProject, args, { major: 2 }));
    succeeded(await runSentryCli(noProject, ["releases", "finalize", release], { major: 3 }));
    expect(succeeded(await runSentryCli(noProject, ["releases", "list"], { major: 3 }))).toContain(release);
    const stored = await db.release.findFirstOrThrow({ where: { version: release }, include: { projects: true } });
    expect({ projects: stored.projects, finalized: stored.dateReleased !== null }).toEqual({
      projects: [],
      finalized: true,
    });

    const files = await db.releaseFile.findMany({ where: { release: { version: release } }, orderBy: { name: "asc" } });
    expect(files.map((file) => [file.name, file.debugId])).toEqual([
      ["~/app.min.js", debugId],
      ["~/app.min.js.map", debugId],
    ]);
    const event = await sendDebugIdEvent(project, path.join(app.dist, "app.min.js"), "cart is empty (release bundle)");
    expectOriginalTopFrame(event.data);
  });
});

describe("legacy release files with a debug-id header", () => {
  it("are found by the event's debug id, whatever the event's release", async () => {
    const { project, auth } = await setUp("One File Shop");
    const release = "one-file@1.0.0";
    const app = buildMinifiedApp();
    await sentryCli(
      { url: server.url, token: auth.slice("Bearer ".length), org: "acme", project: project.projectSlug },
      ["sourcemaps", "inject", app.dist],
    );
    const script = path.join(app.dist, "app.min.js");
    const debugId = debugIdOf(script).toUpperCase();
    await fetch(`${server.url}/api/0/projects/acme/${project.projectSlug}/releases/`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/json" },
      body: JSON.stringify({ version: release }),
    });
    // What sentry-cli 2.x's one-file upload sends for a bundler plugin's build: one request per
    // file, its headers as fields, named by the debug id (a URL no frame has).
    for (const [name, suffix] of [
      ["app.min.js", ".js"],
      ["app.min.js.map", ".js.map"],
    ] as const) {
      const form = new FormData();
      form.set("file", new Blob([readFileSync(path.join(app.dist, name))]), name);
      form.set("name", `~/${debugId.toLowerCase()}-0${suffix}`);
      form.append("header", `debug-id:${debugId}`);
      const res = await fetch(
        `${server.url}/api/0/projects/acme/${project.projectSlug}/releases/${encodeURIComponent(release)}/files/`,
        { method: "POST", headers: { authorization: auth }, body: form },
      );
      expect(res.status).toBe(201);
    }
    const event = await sendDebugIdEvent(project, script, "cart is empty (one file)");
    expectOriginalTopFrame(event.data);
  });
});

describe("the legacy debug file paths", () => {
  it("list nothing, and refuse an upload with the reason", async () => {
    const { project, auth } = await setUp("Legacy Native App");
    const base = `${server.url}/api/0/projects/acme/${project.projectSlug}/files/dsyms/`;
    const listed = await fetch(base, { headers: { authorization: auth } });
    expect({ status: listed.status, body: await listed.json() }).toEqual({ status: 200, body: [] });

    const form = new FormData();
    form.set("file", new Blob([Buffer.alloc(64 * 1024, 1)]), "debug.zip");
    const upload = await fetch(base, { method: "POST", headers: { authorization: auth }, body: form });
    expect(upload.status).toBe(400);
    expect(((await upload.json()) as { detail: string }).detail).toContain("does not store native debug files");
  });
});

/** A page on its own origin serving the plugin's build; it throws from the bundle. */
async function serveBuild(dist: string): Promise<string> {
  const html = `<!doctype html><html><head><script src="/dist/main.js"></script><script>
    setTimeout(function () { window.startCheckout(); }, 10);
  </script></head><body>shop</body></html>`;
  const page = createServer((req, res) => {
    if (req.url === "/dist/main.js")
      return void res
        .writeHead(200, { "content-type": "text/javascript" })
        .end(readFileSync(path.join(dist, "main.js")));
    res.writeHead(200, { "content-type": "text/html" }).end(html);
  });
  pages.push(page);
  await new Promise<void>((resolve) => page.listen(0, "127.0.0.1", () => resolve()));
  return `http://localhost:${(page.address() as AddressInfo).port}/`;
}

describe.each([
  ["@sentry/esbuild-plugin 5.x", "esbuild-plugin"],
  ["@sentry/bundler-plugins 11.x", "bundler-plugins"],
] as const)("%s", (_name, plugin) => {
  it("a real esbuild build uploads through the plugin; the @sentry/browser error from Chromium reads like the source", async () => {
    const { project, target } = await setUp(`Esbuild Shop ${plugin}`);
    const release = `esbuild-shop-${plugin}@1.0.0`;
    const dir = mkdtempSync(path.join(tmpdir(), "faultline-esbuild-"));
    const sources: Record<string, string> = {
      ...APP_SOURCES,
      "src/main.js": `import * as Sentry from "@sentry/browser";
import { checkoutCart } from "./checkout.js";

Sentry.init({ dsn: __SENTRY_DSN__, environment: "production" });

window.startCheckout = function startCheckout() {
  return checkoutCart({ items: [], total: 1234 });
};
`,
    };
    for (const [file, text] of Object.entries(sources)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const options = {
      dir,
      url: server.url,
      token: target.token,
      org: "acme",
      project: project.projectSlug,
      release,
      dsn: project.dsnFor(server.url),
      plugin,
    };
    let output: string;
    try {
      const built = await promisify(execFile)(
        process.execPath,
        [path.join(__dirname, "../support/esbuild-plugin-build.mjs"), JSON.stringify(options)],
        { timeout: 60_000, env: { PATH: process.env.PATH, HOME: process.env.HOME, SENTRY_LOAD_DOTENV: "0" } },
      );
      output = built.stdout + built.stderr;
    } catch (error) {
      const failure = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`the build failed: ${failure.message}\n${failure.stdout ?? ""}\n${failure.stderr ?? ""}`);
    }
    expect(output).not.toMatch(/DEPRECATION|release (slug )?is required/i);
    const bundle = await db.artifactBundle.findFirstOrThrow({
      where: { projects: { some: { projectId: project.projectId } } },
      include: { files: true },
    });
    const debugId = debugIdOf(path.join(dir, "dist/main.js"));
    expect(
      bundle.files
        .filter((file) => file.debugId === debugId)
        .map((file) => file.fileType)
        .sort(),
    ).toEqual(["minified_source", "source_map"]);

    const tab = await browser.newPage();
    await tab.goto(await serveBuild(path.join(dir, "dist")));
    const event = await waitFor(
      async () =>
        (await db.event.findFirst({ where: { projectId: project.projectId, title: { contains: "cart is empty" } } })) ??
        undefined,
      30_000,
      "the browser's error to be stored",
    );
    await tab.close();
    // The plugin created and finalized the release it injected.
    const created = await db.release.findFirstOrThrow({ where: { version: release } });
    expect(created.dateReleased).not.toBeNull();
    const data = event.data as { release?: string; debug_meta?: { images?: { debug_id?: string }[] } };
    expect(data.release).toBe(release);
    expect(data.debug_meta?.images?.map((image) => image.debug_id)).toContain(debugId);
    const { frames, errors } = framesOf(event.data);
    expect(errors).toEqual([]);
    const top = frames.at(-1)!;
    expect(top).toMatchObject({ function: "validateCart", lineno: 5, context_line: THROW_LINE });
    expect(top.filename).toMatch(/src\/checkout\.js$/);
    expect(frames.at(-2)).toMatchObject({ function: "checkoutCart", lineno: 11 });
    expect(frames.at(-3)?.filename).toMatch(/src\/main\.js$/);
  });
});
