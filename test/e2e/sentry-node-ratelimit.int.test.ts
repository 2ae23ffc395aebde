import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { secondsUntilWindowEnds } from "@faultline/core";
import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
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

beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await server.close();
  await worker.close();
  await db.$disconnect();
});

// Sends one error at a time and waits for each to be delivered, like a quiet application.
const NODE_APP = `
const Sentry = require(${JSON.stringify(require.resolve("@sentry/node"))});
Sentry.init({ dsn: process.argv[2], defaultIntegrations: false, sendClientReports: false });
(async () => {
  for (let i = 1; i <= 5; i++) {
    Sentry.captureException(new Error("attempt " + i));
    await Sentry.flush(5000);
  }
  process.exit(0);
})();
`;

const WINDOW_SECONDS = 3600;

async function outcomeTotals(projectId: number) {
  const rows = await db.outcome.findMany({ where: { projectId } });
  return Object.fromEntries(rows.map((r) => [`${r.outcome}/${r.category}`, Number(r.quantity)]));
}

describe("@sentry/node against a rate limit", () => {
  it("stops sending for the period after a 429", async () => {
    // The window must not end while the SDK runs, or it would be allowed to send again.
    const left = secondsUntilWindowEnds(Date.now(), WINDOW_SECONDS);
    if (left < 30) await new Promise((resolve) => setTimeout(resolve, (left + 1) * 1000));
    await resetState(db);
    const project = await createTestProject(db);
    await db.projectKey.update({
      where: { publicKey: project.publicKey },
      data: { rateLimitCount: 1, rateLimitWindowSeconds: WINDOW_SECONDS },
    });
    server = await startTestServer(db);
    worker = startTestWorker(db);
    const script = path.join(tmpdir(), `faultline-ratelimit-app-${process.pid}.js`);
    writeFileSync(script, NODE_APP);
    await promisify(execFile)(process.execPath, [script, project.dsnFor(server.url)], { timeout: 30_000 });

    // One accepted, one refused with 429; the SDK kept the other three to itself.
    await waitFor(
      async () => ((await outcomeTotals(project.projectId))["rate_limited/error"] === 1 ? true : undefined),
      30_000,
      "the refused event to be counted",
    );
    expect(await outcomeTotals(project.projectId)).toEqual({ "accepted/error": 1, "rate_limited/error": 1 });
    // The worker stores the accepted event on its own time: wait for it, then check it is alone.
    await waitFor(
      async () => ((await db.event.count()) > 0 ? true : undefined),
      30_000,
      "the accepted event to be stored",
    );
    expect(await db.event.count()).toBe(1);
  });
});
