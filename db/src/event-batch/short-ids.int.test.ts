import { createTestProject, openDatabase, resetState } from "../../../test/support/harness";
import type { Database } from "../client";
import { storeEventBatch } from "./store-batch";
import type { StoredEventInput } from "./types";

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

let next = 0;
function event(projectId: number, group: string): StoredEventInput {
  const at = new Date();
  return {
    projectId,
    eventId: (++next).toString(16).padStart(32, "0"),
    hashes: [`hash-${group}`],
    groupingVersion: "test",
    title: `Error: ${group}`,
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
  };
}

describe("issue short ids", () => {
  it("number each project's issues 1, 2, 3... with concurrent batches, every number once", async () => {
    const a = (await createTestProject(db, "Alpha")).projectId;
    const b = (await createTestProject(db, "Beta")).projectId;
    // Eight batches at once, each creating issues in both projects (in opposite orders), some
    // sharing groups with other batches: the same group must become one issue with one number.
    const batches = Array.from({ length: 8 }, (_, n) => {
      const events = [
        event(a, `a-${n}`),
        event(b, `b-${n}`),
        event(a, `shared-${n % 3}`),
        event(b, `shared-${n % 3}`),
        event(a, `a-${n}-2`),
      ];
      return n % 2 === 0 ? events : events.reverse();
    });
    await Promise.all(batches.map((batch) => storeEventBatch(db, batch)));

    for (const projectId of [a, b]) {
      const issues = await db.issue.findMany({ where: { projectId }, orderBy: { shortId: "asc" } });
      const expected = projectId === a ? 8 * 2 + 3 : 8 + 3;
      expect(issues).toHaveLength(expected);
      expect(issues.map((issue) => issue.shortId)).toEqual(Array.from({ length: expected }, (_, n) => n + 1));
      const project = await db.project.findUniqueOrThrow({ where: { id: projectId } });
      expect(project.lastShortId).toBe(expected);
    }
  });

  it("keep counting after issues are deleted (a number is never reused)", async () => {
    const a = (await createTestProject(db, "Alpha")).projectId;
    await storeEventBatch(db, [event(a, "one"), event(a, "two")]);
    await db.issue.deleteMany({ where: { projectId: a } });
    await storeEventBatch(db, [event(a, "three")]);
    const [issue] = await db.issue.findMany({ where: { projectId: a } });
    expect(issue?.shortId).toBe(3);
  });
});
