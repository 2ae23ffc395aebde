/**
 * SIGTERM, as Docker and process managers send it on every deploy: the server finishes the
 * request it is reading and the worker the jobs it holds, then both exit 0. Nothing accepted is
 * lost and nothing is counted twice when another worker picks up the rest.
 */
import { request as httpRequest } from "node:http";
import { INGEST_QUEUE, jobsCarriedBy } from "@faultline/core";
import type { Database } from "@faultline/db";
import { Queue } from "bullmq";
import { childPorts, startChild, type ChildService } from "../support/child-processes";
import { createTestProject, openDatabase, resetState, testUrls, waitFor } from "../support/harness";

jest.setTimeout(120_000);

let db: Database;
let queue: Queue;
const services: ChildService[] = [];

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  queue = new Queue(INGEST_QUEUE, { connection: { url: testUrls().redisUrl } });
});

afterAll(async () => {
  await Promise.all(services.map((service) => service.stop()));
  await queue.close();
  await db.$disconnect();
});

function envelope(eventId: string, kind: string): string {
  const event = {
    event_id: eventId,
    platform: "node",
    level: "error",
    exception: {
      values: [
        {
          type: `${kind}Error`,
          value: `${kind} failed`,
          stacktrace: { frames: [{ filename: `app/${kind}.js`, function: `handle${kind}`, lineno: 3, in_app: true }] },
        },
      ],
    },
  };
  return `${JSON.stringify({ event_id: eventId })}\n{"type":"event"}\n${JSON.stringify(event)}\n`;
}

/** Posts a body in two halves with `between` run after the first; resolves with status and body. */
function postInTwoHalves(url: string, body: string, between: () => Promise<void>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(url, { method: "POST", headers: { "content-length": Buffer.byteLength(body) } }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half));
    between().then(
      () => req.end(body.slice(half)),
      (error: unknown) => reject(error),
    );
  });
}

async function storedEvents(projectId: number): Promise<{ events: number; counted: number }> {
  const [row] = await db.$queryRawUnsafe<{ events: number; counted: number }[]>(
    `SELECT (SELECT count(*)::int FROM event WHERE project_id = $1) AS events,
            (SELECT coalesce(sum(times_seen), 0)::int FROM issue WHERE project_id = $1) AS counted`,
    projectId,
  );
  return row ?? { events: 0, counted: 0 };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("the server answers the request it was reading when SIGTERM came, then exits 0", async () => {
  const project = await createTestProject(db, "Shutdown");
  const [port = 0] = childPorts(3);
  const server = await startChild("server", "server/dist/main.js", port, { PORT: String(port) });
  services.push(server);
  const url = `${server.url}/api/${project.projectId}/envelope/?sentry_key=${project.publicKey}&sentry_version=7`;
  const eventId = "a".repeat(32);
  const answer = await postInTwoHalves(url, envelope(eventId, "Inflight"), async () => {
    await sleep(200);
    server.signal("SIGTERM");
    await sleep(300);
  });
  expect(answer).toEqual({ status: 200, body: JSON.stringify({ id: eventId }) });
  await waitFor(async () => server.exitCode() === 0 || undefined, 15_000, "the server to exit 0");
  const queued = await queue.getJobs(["waiting", "delayed", "active"]);
  const carried = queued.flatMap((job) => jobsCarriedBy(job));
  expect(carried.map((job) => (job.data as { eventId: string }).eventId)).toContain(eventId);
  // New connections are refused once it is gone.
  await expect(fetch(`${server.url}/_health/`)).rejects.toThrow();
});

it("a worker stopped mid-stream finishes its jobs and exits 0; the next worker stores the rest exactly once", async () => {
  const project = await createTestProject(db, "Drain");
  const [, serverPort = 0, workerPort = 0] = childPorts(3);
  const server = await startChild("server", "server/dist/main.js", serverPort, { PORT: String(serverPort) });
  services.push(server);
  const url = `${server.url}/api/${project.projectId}/envelope/?sentry_key=${project.publicKey}&sentry_version=7`;
  const total = 300;
  for (let i = 0; i < total; i += 20) {
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async (_, j) => {
        const id = (i + j).toString(16).padStart(32, "0");
        return (await fetch(url, { method: "POST", body: envelope(id, `Kind${(i + j) % 5}`) })).status;
      }),
    );
    expect(statuses.every((status) => status === 200)).toBe(true);
  }
  const before = await storedEvents(project.projectId);
  const env = { WORKER_HEALTH_PORT: String(workerPort), WORKER_CONCURRENCY: "16" };
  const first = await startChild("worker 1", "worker/dist/main.js", workerPort, env);
  services.push(first);
  await waitFor(
    async () => ((await storedEvents(project.projectId)).events > before.events ? true : undefined),
    30_000,
    "some events",
  );
  first.signal("SIGTERM");
  await waitFor(async () => (first.exitCode() === null ? undefined : first.exitCode()), 20_000, "worker 1 to exit");
  expect(first.exitCode()).toBe(0);
  // Nothing was left half-done: no job is still active or failed.
  expect(await queue.getJobCounts("active", "failed")).toEqual({ active: 0, failed: 0 });

  const second = await startChild("worker 2", "worker/dist/main.js", workerPort, env);
  services.push(second);
  await waitFor(
    async () => ((await storedEvents(project.projectId)).events === before.events + total ? true : undefined),
    60_000,
    "every event stored",
  );
  await sleep(500);
  const after = await storedEvents(project.projectId);
  expect(after.events - before.events).toBe(total);
  expect(after.counted - before.counted).toBe(total);
});
