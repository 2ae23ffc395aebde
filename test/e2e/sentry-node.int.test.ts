import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import { runCli } from "../support/cli";
import {
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

beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  server = await startTestServer(db);
  worker = startTestWorker(db);
});
afterEach(async () => {
  await server.close();
  await worker.close();
});

async function createProject(name: string, platform: string) {
  const out = await runCli(["create-project", "--org", "e2e", "--name", name, "--platform", platform, "--json"], {
    PUBLIC_URL: server.url,
  });
  return JSON.parse(out) as { org: string; project: string; projectId: number; dsn: string };
}

async function issueCounts(projectId: number): Promise<number[]> {
  const issues = await db.issue.findMany({ where: { projectId }, select: { timesSeen: true } });
  return issues.map((issue) => issue.timesSeen).sort((a, b) => b - a);
}

// The SDK runs in its own process, exactly as in an application.
const NODE_APP = `
const Sentry = require(${JSON.stringify(require.resolve("@sentry/node"))});
Sentry.init({ dsn: process.argv[2], release: "shop@1.0.0", environment: "e2e" });
function chargeCard(order) { throw new TypeError("card declined for order " + order); }
for (const order of [17, 42]) {
  try { chargeCard(order); } catch (error) { Sentry.captureException(error); }
}
try { JSON.parse("{"); } catch (error) { Sentry.captureException(error); }
Sentry.flush(10000).then((ok) => process.exit(ok ? 0 : 1));
`;

describe("a stock Sentry SDK against Faultline", () => {
  it("@sentry/node errors land as issues: two from one line group, one from elsewhere stands alone", async () => {
    const project = await createProject("Node App", "node");
    expect(project.dsn).toMatch(new RegExp(`^http://[0-9a-f]{32}@127\\.0\\.0\\.1:\\d+/${project.projectId}$`));
    const script = path.join(tmpdir(), `faultline-node-app-${process.pid}.js`);
    writeFileSync(script, NODE_APP);
    await promisify(execFile)(process.execPath, [script, project.dsn], { timeout: 30_000 });

    await waitFor(async () => (await db.event.count()) === 3 || undefined, 15_000, "three stored events");
    expect(await issueCounts(project.projectId)).toEqual([2, 1]);
    const top = await db.issue.findFirst({ where: { projectId: project.projectId }, orderBy: { timesSeen: "desc" } });
    // Like Sentry, the issue shows what its latest event says.
    expect(top?.title).toBe("TypeError: card declined for order 42");
    expect(top?.culprit).toContain("chargeCard");
    const event = await db.event.findFirst({ where: { issueId: top?.id } });
    expect(event).toMatchObject({ release: "shop@1.0.0", environment: "e2e", platform: "node", level: "error" });
  });

  it("Python sentry-sdk store requests (gzip) land as three issues with 2/2/1 events, scrubbed", async () => {
    const project = await createProject("Python App", "python");
    const publicKey = new URL(project.dsn).username;
    const captures = readFileSync(path.join(__dirname, "../fixtures/sdk-captures/python.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { method: string; url: string; headers: Record<string, string>; body: string })
      // The captured transaction envelope declares an item length 10 bytes past its payload (the
      // recording re-encoded the body); Relay refuses such framing, and so do we (ingest tests).
      .filter((capture) => capture.url.includes("/store/"));

    for (const capture of captures) {
      const url = capture.url.replace("/api/1/", `/api/${project.projectId}/`);
      const res = await fetch(`${server.url}${url}`, {
        method: capture.method,
        headers: {
          "content-type": capture.headers["content-type"] ?? "application/json",
          "content-encoding": "gzip",
          "user-agent": capture.headers["user-agent"] ?? "",
          "x-sentry-auth": (capture.headers["x-sentry-auth"] ?? "").replace("abc123pub", publicKey),
        },
        body: zlib.gzipSync(capture.body),
      });
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
    }

    await waitFor(async () => (await db.event.count()) === 5 || undefined, 15_000, "five stored events");
    expect(await issueCounts(project.projectId)).toEqual([2, 2, 1]);
    // The values set through the SDK (extras, a local variable) are filtered wherever they are.
    // (The script's own source lines, shown as context, still read `set_extra("password", ...)`.)
    const rows = await db.$queryRaw<{ extra: string; vars: string }[]>`
      SELECT data->>'extra' AS extra, jsonb_path_query_array(data::jsonb, '$.exception.values[*].stacktrace.frames[*].vars')::text AS vars
      FROM event`;
    for (const row of rows) {
      expect(JSON.parse(row.extra)).toMatchObject({ password: "[Filtered]", card: "[Filtered]" });
      expect(row.vars).not.toContain("sk_live_abcdef");
    }
    expect(rows.some((row) => row.vars.includes('"secret_token": "[Filtered]"'))).toBe(true);
  });
});
