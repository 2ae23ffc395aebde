import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  startTestWorker,
  waitForQueueDrained,
  type TestServer,
} from "../support/harness";
import { fixtureCases } from "../support/fixture-cases";

let db: Database;
let server: TestServer;
let worker: RunningWorker;

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  server = await startTestServer(db);
  worker = startTestWorker(db, 8);
});
afterAll(async () => {
  await server.close();
  await worker.close();
  await db.$disconnect();
});

describe("every fixture replayed over HTTP", () => {
  it("gets the status Sentry gives it, and its events reach PostgreSQL", async () => {
    const project = await createTestProject(db, "Fixtures");
    const cases = fixtureCases();
    expect(cases.length).toBeGreaterThan(100);
    const answers: { name: string; status: number; id?: string }[] = [];
    const expectedIds = new Set<string>();
    for (const fixture of cases) {
      const headers = Object.fromEntries(
        Object.entries(fixture.headers).map(([name, value]) => [name, value.replace("{key}", project.publicKey)]),
      );
      const res = await fetch(
        `${server.url}/api/${project.projectId}/${fixture.endpoint.replace("{key}", project.publicKey)}`,
        {
          method: "POST",
          headers,
          body: fixture.body,
        },
      );
      const text = await res.text();
      const id = res.headers.get("content-type")?.includes("json")
        ? (JSON.parse(text) as { id?: string }).id
        : undefined;
      answers.push({ name: fixture.name, status: res.status, ...(id ? { id } : {}) });
      if (fixture.storesEvent && id) expectedIds.add(id);
    }
    expect(answers.map(({ name, status }) => ({ name, status }))).toEqual(
      cases.map(({ name, status }) => ({ name, status })),
    );
    for (const fixture of cases.filter((c) => c.storesEvent && c.status === 200)) {
      const answer = answers.find((a) => a.name === fixture.name);
      if (!fixture.endpoint.startsWith("security/"))
        expect({ name: fixture.name, id: answer?.id }).toEqual({
          name: fixture.name,
          id: expect.stringMatching(/^[0-9a-f]{32}$/),
        });
    }

    await waitForQueueDrained(server.queue, 60_000);
    const failed = await server.queue.queue.getFailed();
    expect(failed.map((job) => `${job.name}: ${job.failedReason}`)).toEqual([]);
    const stored = await db.event.findMany({ where: { projectId: project.projectId }, select: { eventId: true } });
    const storedIds = new Set(stored.map((row) => row.eventId.replace(/-/g, "")));
    expect([...expectedIds].filter((id) => !storedIds.has(id))).toEqual([]);
    expect(await db.issue.count({ where: { projectId: project.projectId, type: "csp" } })).toBe(1);
  });
});
