import { createTestProject, openDatabase, resetState } from "../../test/support/harness";
import type { Database } from "./client";
import { createEventsRepo } from "./events.repo";
import { createIssueCountsRepo } from "./issue-counts.repo";
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

const HOUR = new Date("2026-03-01T10:00:00.000Z");
const idOf = (n: number) => n.toString(16).padStart(32, "0");

async function storeEvent(projectId: number, eventId: string, at: Date): Promise<bigint> {
  const outcome = await createEventsRepo(db).storeEvent({
    projectId,
    eventId,
    hashes: ["h1"],
    groupingVersion: "test",
    title: "Error: boom",
    culprit: "app.js",
    level: "error",
    type: "error",
    metadata: {},
    timestamp: at,
    receivedAt: at,
    platform: "node",
    release: null,
    environment: null,
    message: "",
    tags: [],
    userKey: null,
    data: {},
  });
  if (!outcome.stored) throw new Error("not stored");
  return outcome.issueId;
}

async function counts(issueId: bigint, projectId: number) {
  const [row] = await db.$queryRaw<{ times_seen: number; issue_hour: number | null; project_hour: number | null }[]>`
    SELECT i.times_seen,
           (SELECT count FROM issue_hourly_count WHERE issue_id = i.id AND hour = ${HOUR}) AS issue_hour,
           (SELECT count FROM project_hourly_count WHERE project_id = ${projectId} AND hour = ${HOUR}) AS project_hour
    FROM issue i WHERE i.id = ${issueId}`;
  return row;
}

describe("counting an event on its known issue (spike protection)", () => {
  it("counts an event id once however often its job runs, in times_seen and the hourly counts", async () => {
    const project = await createTestProject(db);
    const issueId = await storeEvent(project.projectId, idOf(1), new Date(HOUR.getTime() + 60_000));
    const repo = createIssueCountsRepo(db);
    const at = new Date(HOUR.getTime() + 120_000);
    for (let run = 0; run < 3; run++) {
      // A job that carried two events, run again after its worker was killed.
      expect(await repo.countOnKnownIssue(project.projectId, idOf(2), ["h1"], at)).toBe(true);
      expect(await repo.countOnKnownIssue(project.projectId, idOf(3), ["other", "h1"], at)).toBe(true);
    }
    expect(await counts(issueId, project.projectId)).toEqual({ times_seen: 3, issue_hour: 3, project_hour: 3 });
  });

  it("counts concurrent runs of one event once", async () => {
    const project = await createTestProject(db);
    const issueId = await storeEvent(project.projectId, idOf(1), HOUR);
    const repo = createIssueCountsRepo(db);
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => repo.countOnKnownIssue(project.projectId, idOf(9), ["h1"], HOUR)),
    );
    expect(runs).toEqual([true, true, true, true]);
    expect((await counts(issueId, project.projectId))?.times_seen).toBe(2);
  });

  it("does not count again an event already stored in full", async () => {
    const project = await createTestProject(db);
    const issueId = await storeEvent(project.projectId, idOf(1), HOUR);
    // The job stored it in full (no issue matched then) and ran again once the issue existed.
    expect(await createIssueCountsRepo(db).countOnKnownIssue(project.projectId, idOf(1), ["h1"], HOUR)).toBe(true);
    expect(await counts(issueId, project.projectId)).toEqual({ times_seen: 1, issue_hour: 1, project_hour: 1 });
  });

  it("answers false, counting nothing, when no issue has the hashes", async () => {
    const project = await createTestProject(db);
    const repo = createIssueCountsRepo(db);
    expect(await repo.countOnKnownIssue(project.projectId, idOf(5), ["nope"], HOUR)).toBe(false);
    const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM counted_event`;
    expect(row?.n).toBe(0);
  });

  it("keeps counted event ids of one project apart from another's", async () => {
    const a = await createTestProject(db, "A");
    const b = await createTestProject(db, "B");
    const issueA = await storeEvent(a.projectId, idOf(1), HOUR);
    const issueB = await storeEvent(b.projectId, idOf(2), HOUR);
    const repo = createIssueCountsRepo(db);
    await repo.countOnKnownIssue(a.projectId, idOf(7), ["h1"], HOUR);
    await repo.countOnKnownIssue(b.projectId, idOf(7), ["h1"], HOUR);
    expect((await counts(issueA, a.projectId))?.times_seen).toBe(2);
    expect((await counts(issueB, b.projectId))?.times_seen).toBe(2);
  });

  it("forgets counted event ids with the project's retention, like stored events", async () => {
    const project = await createTestProject(db);
    const old = new Date(Date.now() - 100 * 86_400_000);
    await storeEvent(project.projectId, idOf(1), new Date());
    const repo = createIssueCountsRepo(db);
    await repo.countOnKnownIssue(project.projectId, idOf(2), ["h1"], old);
    await repo.countOnKnownIssue(project.projectId, idOf(3), ["h1"], new Date());
    await applyRetention(db, { retentionDays: 90, maxEventsPerIssue: 0, batchSize: 1 });
    const rows = await db.$queryRaw<{ event_id: string }[]>`SELECT event_id::text FROM counted_event`;
    expect(rows.map((row) => row.event_id.replaceAll("-", ""))).toEqual([idOf(3)]);
  });
});
