import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  startTestWorker,
  type TestServer,
} from "../support/harness";
import { expectScenarioStored, scenarioScript, SCENARIO } from "../support/sdk-scenario";

// Every @sentry/node major still found in production (npm aliases of older majors; 11 is the
// current `@sentry/node`) and the raven-era client, each in its own process like an application.
let db: Database;
let server: TestServer;
let worker: RunningWorker;
let scripts: string;

jest.setTimeout(60_000);

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  server = await startTestServer(db);
  worker = startTestWorker(db);
  scripts = mkdtempSync(path.join(tmpdir(), "faultline-sdk-majors-"));
});
afterAll(async () => {
  rmSync(scripts, { recursive: true, force: true });
  await server.close();
  await worker.close();
  await db.$disconnect();
});

function sentryNodeApp(pkg: string): string {
  return `
const Sentry = require(${JSON.stringify(require.resolve(pkg))});
Sentry.init({ dsn: process.argv[2], release: ${JSON.stringify(SCENARIO.release)} });
${scenarioScript("Sentry")}
Sentry.flush(10000).then(function (ok) { process.exit(ok ? 0 : 1); });
`;
}

// raven has no flush: each capture takes a callback, called once the store request answered.
const RAVEN_APP = `
const Raven = require(${JSON.stringify(require.resolve("raven"))});
Raven.config(process.argv[2], { release: ${JSON.stringify(SCENARIO.release)} }).install();
let pending = 0;
let failed = false;
const client = {
  setUser: function (user) { Raven.mergeContext({ user: user }); },
  setTag: function (key, value) { const tags = {}; tags[key] = value; Raven.mergeContext({ tags: tags }); },
  setExtra: function (key, value) { const extra = {}; extra[key] = value; Raven.mergeContext({ extra: extra }); },
  captureException: function (error) { pending++; Raven.captureException(error, done); },
  captureMessage: function (message) { pending++; Raven.captureMessage(message, done); },
};
function done(error) { if (error) failed = true; if (--pending === 0) process.exit(failed ? 1 : 0); }
${scenarioScript("client")}
`;

const CLIENTS: [string, string][] = [
  ["@sentry/node 5", sentryNodeApp("sentry-node-5")],
  ["@sentry/node 6", sentryNodeApp("sentry-node-6")],
  ["@sentry/node 7", sentryNodeApp("sentry-node-7")],
  ["@sentry/node 8", sentryNodeApp("sentry-node-8")],
  ["@sentry/node 9", sentryNodeApp("sentry-node-9")],
  ["@sentry/node 10", sentryNodeApp("sentry-node-10")],
  ["@sentry/node 11", sentryNodeApp("@sentry/node")],
  ["raven 2", RAVEN_APP],
];

describe("the scenario from every Node SDK major", () => {
  it.each(CLIENTS)("%s", async (name, source) => {
    const project = await createTestProject(db, name);
    const script = path.join(scripts, `${name.replace(/\W+/g, "-")}.js`);
    writeFileSync(script, source);
    await promisify(execFile)(process.execPath, [script, project.dsnFor(server.url)], { timeout: 30_000 });
    const { tags } = await expectScenarioStored(db, project.projectId);
    // A server SDK sends no User-Agent of a browser: nothing is derived for it.
    for (const eventTags of tags) expect(eventTags).not.toHaveProperty("browser");
  });
});
