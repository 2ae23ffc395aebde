import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import { chromium, type Browser } from "playwright-core";
import { sentryBrowserBundle } from "../support/browser-bundle";
import { runCli } from "../support/cli";
import {
  openDatabase,
  resetState,
  startTestServer,
  startTestWorker,
  waitFor,
  type TestServer,
} from "../support/harness";

// A DSN as sentry.io hands them out: 32 hex characters of key, a 16-digit project id.
const SENTRY_KEY = "0123456789abcdef0123456789abcdef";
const SENTRY_SECRET = "fedcba9876543210fedcba9876543210";
const SENTRY_PROJECT_ID = 4505123456789012;
const SENTRY_DSN = `https://${SENTRY_KEY}:${SENTRY_SECRET}@o123.ingest.sentry.io/${SENTRY_PROJECT_ID}`;

let db: Database;
let server: TestServer;
let worker: RunningWorker;
let browser: Browser;
let page: Server | undefined;

jest.setTimeout(120_000);

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

interface Created {
  org: string;
  project: string;
  projectId: number;
  dsnProjectId: number;
  dsn: string;
}

async function createProject(org: string, name: string, dsn?: string): Promise<Created> {
  const args = ["create-project", "--org", org, "--name", name, "--json", ...(dsn ? ["--dsn", dsn] : [])];
  return JSON.parse(await runCli(args, { PUBLIC_URL: server.url })) as Created;
}

/** The exit code and error output of a command line run that is expected to fail. */
async function failingCli(args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await runCli(args, { PUBLIC_URL: server.url });
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    return { code: failed.code ?? -1, stderr: failed.stderr ?? "" };
  }
  throw new Error(`faultline ${args.join(" ")} succeeded`);
}

const NODE_APP = `
const Sentry = require(${JSON.stringify(require.resolve("@sentry/node"))});
Sentry.init({ dsn: process.argv[2] });
Sentry.captureException(new Error(process.argv[3]));
Sentry.flush(10000).then((ok) => process.exit(ok ? 0 : 1));
`;

async function sendFromNode(dsn: string, message: string): Promise<void> {
  const script = path.join(tmpdir(), `faultline-adopt-dsn-${process.pid}.js`);
  writeFileSync(script, NODE_APP);
  await promisify(execFile)(process.execPath, [script, dsn, message], { timeout: 30_000 });
}

async function projectOfEvent(title: string): Promise<number> {
  const event = await waitFor(
    () => db.event.findFirst({ where: { title }, select: { projectId: true } }).then((found) => found ?? undefined),
    30_000,
    `the event "${title}"`,
  );
  return event.projectId;
}

/** The DSN as the moved application keeps it, with only the host changed to Faultline's. */
function movedDsn(projectId: number | string = SENTRY_PROJECT_ID): string {
  return `http://${SENTRY_KEY}@${new URL(server.url).host}/${projectId}`;
}

describe("a project adopting a DSN from another install", () => {
  let adopted: Created;
  let other: Created;

  beforeAll(async () => {
    other = await createProject("acme", "Other");
    adopted = await createProject("moved", "Shop", SENTRY_DSN);
  });

  it("keeps its own internal id and answers on the DSN's key and project id", async () => {
    expect(adopted.projectId).not.toBe(SENTRY_PROJECT_ID);
    expect(adopted.dsnProjectId).toBe(SENTRY_PROJECT_ID);
    expect(adopted.dsn).toBe(movedDsn());
    const key = await db.projectKey.findUniqueOrThrow({ where: { publicKey: SENTRY_KEY } });
    expect(key).toMatchObject({ projectId: adopted.projectId, secretKey: SENTRY_SECRET });
    const list = JSON.parse(await runCli(["list-projects", "--json"], { PUBLIC_URL: server.url })) as Created[];
    expect(list.find((row) => row.projectId === adopted.projectId)?.dsn).toBe(movedDsn());
  });

  it("@sentry/node with the moved DSN lands in the adopting project, and the internal id keeps working", async () => {
    await sendFromNode(movedDsn(), "sent with the adopted project id");
    expect(await projectOfEvent("Error: sent with the adopted project id")).toBe(adopted.projectId);
    await sendFromNode(movedDsn(adopted.projectId), "sent with the internal project id");
    expect(await projectOfEvent("Error: sent with the internal project id")).toBe(adopted.projectId);
  });

  it("@sentry/browser in Chromium with the moved DSN lands in the adopting project", async () => {
    const bundle = await sentryBrowserBundle();
    const html = `<!doctype html><html><head><script src="/sentry.js"></script><script>
      Sentry.init({ dsn: ${JSON.stringify(movedDsn())} });
      Sentry.captureMessage("browser with the adopted DSN", "error");
    </script></head><body>app</body></html>`;
    page = createServer((req, res) => {
      if (req.url === "/sentry.js") res.writeHead(200, { "content-type": "text/javascript" }).end(bundle);
      else res.writeHead(200, { "content-type": "text/html" }).end(html);
    });
    await new Promise<void>((resolve) => page?.listen(0, "127.0.0.1", () => resolve()));
    const tab = await browser.newPage();
    await tab.goto(`http://localhost:${(page.address() as AddressInfo).port}/`);
    expect(await projectOfEvent("browser with the adopted DSN")).toBe(adopted.projectId);
  });

  it("another project's key cannot use the adopted id, nor the adopted key another project's id", async () => {
    const otherKey = new URL(other.dsn).username;
    const status = async (projectId: number, key: string) =>
      (
        await fetch(`${server.url}/api/${projectId}/store/?sentry_key=${key}&sentry_version=7`, {
          method: "POST",
          body: JSON.stringify({ message: "wrong project" }),
        })
      ).status;
    expect(await status(SENTRY_PROJECT_ID, otherKey)).toBe(403);
    expect(await status(other.projectId, SENTRY_KEY)).toBe(403);
  });

  it("refuses a key or a project id another project already uses, and creates nothing", async () => {
    const projects = await db.project.count();
    const sameKey = await failingCli(["create-project", "--org", "acme", "--name", "Copy", "--dsn", SENTRY_DSN]);
    expect(sameKey.code).toBe(4);
    expect(sameKey.stderr).toContain(`public key ${SENTRY_KEY} is already used by project moved/shop`);
    const internalId = await failingCli([
      "create-project",
      "--org",
      "acme",
      "--name",
      "Copy",
      "--dsn",
      `https://${"a".repeat(32)}@sentry.example.com/${other.projectId}`,
    ]);
    expect(internalId.code).toBe(4);
    expect(internalId.stderr).toContain(`project id ${other.projectId} is already used by project acme/other`);
    const adoptedId = await failingCli([
      "create-project",
      "--org",
      "acme",
      "--name",
      "Copy",
      "--dsn",
      `https://${"b".repeat(32)}@sentry.example.com/${SENTRY_PROJECT_ID}`,
    ]);
    expect(adoptedId.code).toBe(4);
    expect(adoptedId.stderr).toContain(`project id ${SENTRY_PROJECT_ID} is already used by project moved/shop`);
    expect(await db.project.count()).toBe(projects);
    const bad = await failingCli(["create-project", "--org", "acme", "--name", "Bad", "--dsn", "https://key@host/abc"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--dsn: bad sentry DSN: the project id is not a positive integer");
  });

  it("running servers honour a DSN adopted from the command line at once, even one they had refused", async () => {
    const key = "d".repeat(32);
    const send = () =>
      fetch(`${server.url}/api/${SENTRY_PROJECT_ID + 1}/store/?sentry_key=${key}&sentry_version=7`, {
        method: "POST",
        body: JSON.stringify({ message: "early" }),
      });
    // Refused, and the refusal is cached by the server (KeyCache's negative entry).
    expect((await send()).status).toBe(401);
    await createProject("moved", "Late", `https://${key}@o1.ingest.sentry.io/${SENTRY_PROJECT_ID + 1}`);
    expect((await send()).status).toBe(200);
  });

  it("gives new projects ids that skip an adopted one", async () => {
    // Refused adoptions rolled back but used up sequence values: ask the sequence what comes next.
    const [seq] = await db.$queryRaw<{ last: bigint; called: boolean }[]>`
      SELECT last_value AS last, is_called AS called FROM project_id_seq`;
    const next = Number(seq?.last ?? 0n) + (seq?.called ? 1 : 0);
    const adoptedNext = `https://${"c".repeat(32)}@sentry.example.com/${next + 1}`;
    const small = await createProject("moved", "Small Id", adoptedNext);
    expect(small).toMatchObject({ projectId: next, dsnProjectId: next + 1 });
    const created = await createProject("acme", "After");
    expect(created.projectId).toBe(next + 2);
    // The adopted id still goes to the project that adopted it.
    await sendFromNode(`http://${"c".repeat(32)}@${new URL(server.url).host}/${next + 1}`, "small adopted id");
    expect(await projectOfEvent("Error: small adopted id")).toBe(small.projectId);
  });
});
