import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import { bearerFor, createTestUser } from "../support/api";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  startTestWorker,
  waitFor,
  type TestServer,
} from "../support/harness";
import { runSentryCli, sentryCli, type SentryCliTarget } from "../support/sentry-cli";

let db: Database;
let server: TestServer;
let worker: RunningWorker;
let target: SentryCliTarget;
let dsn: string;

jest.setTimeout(120_000);

beforeAll(async () => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  server = await startTestServer(db);
  worker = startTestWorker(db);
  const project = await createTestProject(db, "Jobs", "acme");
  dsn = project.dsnFor(server.url);
  const user = await createTestUser(db, "ops@example.com", { acme: "member" });
  const token = (await bearerFor(db, user.id, ["read", "write"])).replace(/^Bearer /, "");
  target = { url: server.url, token, org: "acme", project: "jobs" };
});
afterEach(async () => {
  await server.close();
  await worker.close();
});

describe.each([3, 2] as const)("sentry-cli %i.x monitors", (major) => {
  it("`monitors run --schedule` creates the monitor and records the run; `monitors list` shows it", async () => {
    const run = await runSentryCli(
      target,
      [
        "monitors",
        "run",
        "--schedule",
        "*/10 * * * *",
        "--check-in-margin",
        "3",
        "--max-runtime",
        "5",
        "--timezone",
        "Europe/Vienna",
        "--failure-issue-threshold",
        "2",
        "-e",
        "staging",
        "nightly-report",
        "--",
        "sh",
        "-c",
        "sleep 0.2",
      ],
      { major, dsn },
    );
    expect(run.code).toBe(0);
    const closed = await waitFor(
      async () => (await db.monitorCheckIn.findFirst({ where: { status: "ok" } })) ?? undefined,
      20_000,
      "the closed run",
    );
    expect(closed).toMatchObject({ environment: "staging" });
    expect(closed.duration).toBeGreaterThanOrEqual(0.15);
    expect(await db.monitor.findFirstOrThrow()).toMatchObject({
      slug: "nightly-report",
      schedule: "*/10 * * * *",
      checkinMargin: 3,
      maxRuntime: 5,
      timezone: "Europe/Vienna",
      failureIssueThreshold: 2,
    });

    const listed = await sentryCli(target, ["monitors", "list"], undefined, major);
    expect(listed).toMatch(/nightly-report/);
    expect(listed).toMatch(/active/);
    const { guid } = await db.monitor.findFirstOrThrow();
    expect(listed).toContain(guid);
  });

  it("a failing command is an error check-in and sentry-cli exits with its status", async () => {
    const run = await runSentryCli(
      target,
      ["monitors", "run", "-s", "0 * * * *", "hourly-sync", "--", "sh", "-c", "exit 3"],
      { major, dsn },
    );
    expect(run.code).toBe(3);
    await waitFor(
      async () => (await db.monitorCheckIn.findFirst({ where: { status: "error" } })) ?? undefined,
      20_000,
      "the error check-in",
    );
    await waitFor(
      async () => (await db.issue.findFirst({ where: { title: "Cron failure: hourly-sync" } })) ?? undefined,
      20_000,
      "the monitor's issue",
    );
  });
});
