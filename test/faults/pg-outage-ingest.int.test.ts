/**
 * PostgreSQL unreachable from a running server (its connections cut, new ones refused) for
 * longer than the key cache's TTL: keys the server saw before keep ingesting from memory, a key
 * it never saw gets 503 with Retry-After, and everything comes back with PostgreSQL.
 */
import { INGEST_QUEUE, jobsCarriedBy } from "@faultline/core";
import type { Database } from "@faultline/db";
import { Queue } from "bullmq";
import { childPorts, startChild, type ChildService } from "../support/child-processes";
import { createTestProject, openDatabase, resetState, testUrls, waitFor } from "../support/harness";
import { TcpProxy } from "../support/tcp-proxy";

jest.setTimeout(90_000);

let db: Database;
let queue: Queue;
let proxy: TcpProxy;
let server: ChildService | undefined;

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  queue = new Queue(INGEST_QUEUE, { connection: { url: testUrls().redisUrl } });
  const [, , proxyPort = 0] = childPorts(3);
  const pg = new URL(testUrls().databaseUrl);
  proxy = new TcpProxy(proxyPort, { host: pg.hostname, port: Number(pg.port || 5432) });
  await proxy.open();
});

afterAll(async () => {
  await server?.stop();
  await proxy.close();
  await queue.close();
  await db.$disconnect();
});

function envelope(eventId: string): string {
  const event = { event_id: eventId, platform: "node", level: "error", message: "outage test" };
  return `${JSON.stringify({ event_id: eventId })}\n{"type":"event"}\n${JSON.stringify(event)}\n`;
}

const idOf = (n: number) => n.toString(16).padStart(32, "0");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("serves keys it knew while PostgreSQL is unreachable; unknown keys get 503 with Retry-After", async () => {
  const seen = await createTestProject(db, "Seen before");
  const unseen = await createTestProject(db, "Never seen");
  const [port = 0] = childPorts(3);
  server = await startChild("server", "server/dist/main.js", port, {
    PORT: String(port),
    DATABASE_URL: TcpProxy.urlThrough(testUrls().databaseUrl, proxy.port),
    KEY_CACHE_TTL_SECONDS: "1",
  });
  const post = (project: { projectId: number; publicKey: string }, n: number) =>
    fetch(`${server?.url}/api/${project.projectId}/envelope/?sentry_key=${project.publicKey}&sentry_version=7`, {
      method: "POST",
      body: envelope(idOf(n)),
    });

  expect((await post(seen, 1)).status).toBe(200);

  await proxy.close();
  await sleep(1500); // past the key cache's TTL
  const accepted: number[] = [];
  for (let n = 2; n < 12; n++) {
    const res = await post(seen, n);
    expect(res.status).toBe(200);
    accepted.push(n);
  }
  const refused = await post(unseen, 100);
  expect(refused.status).toBe(503);
  expect(refused.headers.get("retry-after")).toBe("10");
  expect(await refused.json()).toEqual({ detail: expect.stringContaining("database unavailable") });
  // The process serves on: health answers, readiness says what is wrong.
  expect((await fetch(`${server.url}/_health/`)).status).toBe(200);
  const ready = await fetch(`${server.url}/_health/ready`);
  expect(ready.status).toBe(503);
  expect(((await ready.json()) as { checks: { postgres: string } }).checks.postgres).not.toBe("ok");

  await proxy.open();
  await waitFor(async () => (await post(unseen, 101)).status === 200, 30_000, "the unseen key to work again");
  expect((await post(seen, 12)).status).toBe(200);

  // Everything answered 200 is in the queue.
  const jobs = await queue.getJobs(["waiting", "delayed", "active", "prioritized"]);
  const queued = new Set(
    jobs.flatMap((job) => jobsCarriedBy(job)).map((job) => (job.data as { eventId: string }).eventId),
  );
  for (const n of [1, ...accepted, 12, 101]) expect(queued.has(idOf(n))).toBe(true);
  expect(queued.has(idOf(100))).toBe(false);
});
