/**
 * Scale-out as the README describes it: two servers and two workers, each its own process, on
 * one PostgreSQL and one Redis. Events sent to either server are stored exactly once, and a key
 * revoked through one server's API is refused by the other within seconds (the key cache TTL is
 * an hour here, so only the Redis pub/sub invalidation can explain it).
 */
import { randomUUID } from "node:crypto";
import type { Database } from "@faultline/db";
import { bearerFor, createTestUser } from "../support/api";
import { childPorts, startChild, type ChildService } from "../support/child-processes";
import { createTestProject, openDatabase, resetState, waitFor } from "../support/harness";

jest.setTimeout(120_000);

let db: Database;
const services: ChildService[] = [];
let serverA: ChildService;
let serverB: ChildService;
let workerPorts: number[];

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  const [portA = 0, portB = 0, worker1 = 0, worker2 = 0] = childPorts(4);
  workerPorts = [worker1, worker2];
  const common = { KEY_CACHE_TTL_SECONDS: "3600", OUTCOMES_FLUSH_INTERVAL_SECONDS: "1", WORKER_CONCURRENCY: "8" };
  // Started one after another: the machine running the tests is small.
  serverA = await startChild("server A", "server/dist/main.js", portA, { ...common, PORT: String(portA) });
  services.push(serverA);
  serverB = await startChild("server B", "server/dist/main.js", portB, { ...common, PORT: String(portB) });
  services.push(serverB);
  for (const [index, port] of workerPorts.entries())
    services.push(
      await startChild(`worker ${index + 1}`, "worker/dist/main.js", port, {
        ...common,
        WORKER_HEALTH_PORT: String(port),
      }),
    );
});

afterAll(async () => {
  await Promise.all(services.map((service) => service.stop()));
  await db.$disconnect();
});

function storeUrl(server: ChildService, project: { projectId: number; publicKey: string }): string {
  return `${server.url}/api/${project.projectId}/store/?sentry_key=${project.publicKey}&sentry_version=7`;
}

async function sendEvent(
  server: ChildService,
  project: { projectId: number; publicKey: string },
  eventId: string,
  kind: string,
): Promise<number> {
  const res = await fetch(storeUrl(server, project), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      event_id: eventId,
      platform: "node",
      level: "error",
      exception: {
        values: [
          {
            type: `${kind}Error`,
            value: `${kind} failed for ${eventId}`,
            stacktrace: {
              frames: [{ filename: `app/${kind}.js`, function: `handle${kind}`, lineno: 10, in_app: true }],
            },
          },
        ],
      },
    }),
  });
  return res.status;
}

async function workerStoredCount(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const match = /^faultline_events_processed_total\{result="stored"\} (\d+)/m.exec(text);
  return Number(match?.[1] ?? 0);
}

it("stores every event sent to either server exactly once, whichever worker takes it", async () => {
  const project = await createTestProject(db, "Shop", "acme");
  const kinds = ["Payment", "Cart", "Search", "Login"];
  const ids = Array.from({ length: 60 }, () => randomUUID().replace(/-/g, ""));
  const statuses = await Promise.all(
    ids.map((id, index) =>
      sendEvent(index % 2 === 0 ? serverA : serverB, project, id, kinds[index % kinds.length] ?? "Other"),
    ),
  );
  expect(statuses.every((status) => status === 200)).toBe(true);
  // The same event retried through the other server (an SDK retry after a timeout) counts once.
  const retried = ids.slice(0, 10);
  const retryStatuses = await Promise.all(
    retried.map((id, index) =>
      sendEvent(index % 2 === 0 ? serverB : serverA, project, id, kinds[index % kinds.length] ?? "Other"),
    ),
  );
  expect(retryStatuses.every((status) => status === 200)).toBe(true);

  await waitFor(
    async () => (await db.event.count({ where: { projectId: project.projectId } })) === ids.length,
    60_000,
    "every event to be stored",
  );
  // Let any straggling duplicate jobs finish before checking nothing was counted twice.
  await waitFor(
    async () => {
      const [first = 0, second = 0] = await Promise.all(workerPorts.map(workerStoredCount));
      return first + second === ids.length;
    },
    30_000,
    "the workers' stored counters to add up",
  );
  const eventCount = await db.event.count({ where: { projectId: project.projectId } });
  const issues = await db.issue.findMany({ where: { projectId: project.projectId }, select: { timesSeen: true } });
  expect(eventCount).toBe(ids.length);
  // Four kinds of error, fifteen events each: grouped alike, counted once per event.
  expect(issues.map((issue) => issue.timesSeen)).toEqual(kinds.map(() => ids.length / kinds.length));
});

it("a key revoked through server A is refused by server B within seconds", async () => {
  const project = await createTestProject(db, "Revoked", "acme");
  const owner = await createTestUser(db, `owner-${randomUUID()}@example.com`, { acme: "owner" });
  const auth = await bearerFor(db, owner.id);
  // Both servers have the key cached (and would keep it for an hour).
  expect(await sendEvent(serverA, project, randomUUID().replace(/-/g, ""), "Warm")).toBe(200);
  expect(await sendEvent(serverB, project, randomUUID().replace(/-/g, ""), "Warm")).toBe(200);

  const revoked = await fetch(
    `${serverA.url}/api/0/projects/${project.organizationSlug}/${project.projectSlug}/keys/${project.publicKey}/`,
    {
      method: "PUT",
      headers: { authorization: auth, "content-type": "application/json" },
      body: JSON.stringify({ isActive: false }),
    },
  );
  expect(revoked.status).toBe(200);
  const started = Date.now();
  const status = await waitFor(
    async () => {
      const answer = await sendEvent(serverB, project, randomUUID().replace(/-/g, ""), "Late");
      return answer === 403 ? answer : undefined;
    },
    5_000,
    "server B to refuse the revoked key",
  );
  expect(status).toBe(403);
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(await sendEvent(serverA, project, randomUUID().replace(/-/g, ""), "Late")).toBe(403);

  // Deleting the project drops its keys everywhere too (unknown key: 401).
  const other = await createTestProject(db, "Deleted", "acme");
  expect(await sendEvent(serverB, other, randomUUID().replace(/-/g, ""), "Warm")).toBe(200);
  const deleted = await fetch(`${serverA.url}/api/0/projects/${other.organizationSlug}/${other.projectSlug}/`, {
    method: "DELETE",
    headers: { authorization: auth },
  });
  expect(deleted.status).toBe(204);
  await waitFor(
    async () => (await sendEvent(serverB, other, randomUUID().replace(/-/g, ""), "Late")) === 401,
    5_000,
    "server B to refuse the deleted project's key",
  );
});
