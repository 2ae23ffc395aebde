import { createTestProject, openDatabase, resetState } from "../../test/support/harness";
import type { Database } from "./client";
import { createMonitorCheckInsRepo, type CheckInToRecord } from "./monitor-check-ins.repo";
import { createMonitorsRepo } from "./monitors.repo";
import { applyRetention } from "./retention.repo";

let db: Database;
beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
});

const T0 = new Date("2026-06-01T10:00:20Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

async function everyTenMinutes(overrides: { maxRuntime?: number } = {}) {
  const { projectId } = await createTestProject(db, "Jobs");
  const monitor = await createMonitorsRepo(db).upsertFromConfig(projectId, "sync", {
    schedule: { type: "interval", count: 10, unit: "minute" },
    timezone: "UTC",
    checkinMargin: 2,
    maxRuntime: overrides.maxRuntime ?? null,
    failureIssueThreshold: 2,
    recoveryThreshold: null,
  });
  const repo = createMonitorCheckInsRepo(db);
  const record = (checkInId: string, status: CheckInToRecord["status"], at: Date, duration: number | null = null) =>
    repo.recordCheckIn({
      monitor,
      environment: "production",
      checkInId: checkInId.padEnd(32, "0"),
      status,
      duration,
      release: null,
      monitorConfig: null,
      at,
    });
  return { monitor, repo, record };
}

const envRow = () => db.monitorEnvironment.findFirstOrThrow();

describe("monitor check-ins", () => {
  it("closes an in_progress run, measuring its duration when the SDK sent none", async () => {
    const { record } = await everyTenMinutes();
    expect(await record("a", "in_progress", T0)).toBeNull();
    const ended = await record("a", "ok", new Date(T0.getTime() + 4500));
    expect(ended).toMatchObject({ status: "ok", reportFailure: false, resolve: false });
    expect(await db.monitorCheckIn.findFirstOrThrow()).toMatchObject({ status: "ok", duration: 4.5, timeoutAt: null });
    // The next run: the check-in's minute plus the interval, missed two minutes after.
    expect(await envRow()).toMatchObject({
      status: "ok",
      nextCheckIn: new Date("2026-06-01T10:10:00Z"),
      nextCheckInLatest: new Date("2026-06-01T10:12:00Z"),
    });
  });

  it("a closing check-in handled before its opening one is its own run; the opening one changes nothing", async () => {
    const { record } = await everyTenMinutes();
    await record("b", "error", minutes(1), 3);
    expect(await record("b", "in_progress", T0)).toBeNull();
    expect(await db.monitorCheckIn.findMany()).toMatchObject([{ status: "error", duration: 3 }]);
  });

  it("opens after the failure threshold; runs missed while the clock was stopped count once", async () => {
    const { repo, record } = await everyTenMinutes();
    await record("c", "ok", T0);
    expect(await repo.markMissed(minutes(11))).toEqual([]);
    const [first] = await repo.markMissed(minutes(12));
    expect(first).toMatchObject({ status: "missed", reportFailure: false });
    // Stopped for an hour: one more missed run, then the schedule starts again from now.
    const later = await repo.markMissed(minutes(75));
    expect(later).toHaveLength(1);
    expect(later[0]).toMatchObject({ status: "missed", reportFailure: true });
    expect(await envRow()).toMatchObject({ failureCount: 2, nextCheckIn: new Date("2026-06-01T11:25:00Z") });
    expect(await db.monitorCheckIn.count({ where: { status: "missed" } })).toBe(2);
  });

  it("times out runs past max_runtime, but does not count them for a disabled monitor", async () => {
    const { monitor, repo, record } = await everyTenMinutes({ maxRuntime: 3 });
    await record("d", "in_progress", T0);
    expect(await repo.markTimedOut(minutes(2))).toEqual([]);
    expect(await repo.markTimedOut(minutes(4))).toMatchObject([{ status: "timeout" }]);
    await record("e", "in_progress", minutes(5));
    await db.monitor.update({ where: { id: monitor.id }, data: { status: "disabled" } });
    expect(await repo.markTimedOut(minutes(9))).toEqual([]);
    expect(await db.monitorCheckIn.count({ where: { status: "timeout" } })).toBe(2);
    expect((await envRow()).failureCount).toBe(1);
  });

  it("retention deletes check-ins older than the project's events and keeps the monitor", async () => {
    const { record } = await everyTenMinutes();
    const old = new Date(Date.now() - 40 * 86_400_000);
    await record("f", "ok", old);
    await record("e", "ok", new Date());
    await applyRetention(db, { retentionDays: 30, maxEventsPerIssue: 0, batchSize: 100 });
    expect(await db.monitorCheckIn.findMany({ select: { checkInId: true } })).toEqual([
      { checkInId: "e0000000-0000-0000-0000-000000000000" },
    ]);
    expect(await db.monitor.count()).toBe(1);
  });
});
