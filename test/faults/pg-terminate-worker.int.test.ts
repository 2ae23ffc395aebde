/**
 * PostgreSQL ending the worker's connections again and again (pg_terminate_backend, as a
 * restart, failover or an operator would) while it stores a burst of events: the worker process
 * stays up and answering, the jobs that were in flight fail and are retried, and every event
 * answered 200 ends up stored exactly once, counted once.
 */
import type { Database } from "@faultline/db";
import { INGEST_QUEUE, JOB_NAMES } from "@faultline/core";
import { Queue } from "bullmq";
import { Client } from "pg";
import { childPorts, startChild, type ChildService } from "../support/child-processes";
import { createTestProject, openDatabase, resetState, testUrls, waitFor } from "../support/harness";

jest.setTimeout(240_000);

let db: Database;
const services: ChildService[] = [];

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
});
afterAll(async () => {
  await Promise.all(services.map((service) => service.stop()));
  await db.$disconnect();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const idOf = (n: number) => n.toString(16).padStart(32, "0");

function envelope(eventId: string, kind: number): string {
  const event = {
    event_id: eventId,
    platform: "node",
    level: "error",
    exception: {
      values: [
        {
          type: `Kind${kind}Error`,
          value: `kind ${kind} failed`,
          stacktrace: {
            frames: [{ filename: `app/kind${kind}.js`, function: `handle${kind}`, lineno: 3, in_app: true }],
          },
        },
      ],
    },
  };
  return `${JSON.stringify({ event_id: eventId })}\n{"type":"event"}\n${JSON.stringify(event)}\n`;
}

/** Ends every other connection to the test database; resolves to how many it ended. */
async function terminateConnections(admin: Client): Promise<number> {
  const { rows } = await admin.query<{ ended: number }>(
    `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS ended
     FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  return rows[0]?.ended ?? 0;
}

interface Stored {
  /** Events stored in full. */
  events: number;
  /** Events spike protection counted without storing them (a burst like this one triggers it). */
  countedOnly: number;
  /** Ids both stored and counted-only: must stay 0. */
  both: number;
  /** Sum of the issues' times_seen. */
  timesSeen: number;
}

/** The test's own connections are ended too: a query may meet one that is not yet known dead. */
async function stored(projectId: number): Promise<Stored> {
  for (let attempt = 1; ; attempt++) {
    try {
      const [row] = await db.$queryRawUnsafe<Stored[]>(
        `SELECT (SELECT count(*)::int FROM event WHERE project_id = $1) AS events,
                (SELECT count(*)::int FROM counted_event WHERE project_id = $1) AS "countedOnly",
                (SELECT count(*)::int FROM counted_event c JOIN event e USING (project_id, event_id)
                 WHERE c.project_id = $1) AS both,
                (SELECT coalesce(sum(times_seen), 0)::int FROM issue WHERE project_id = $1) AS "timesSeen"`,
        projectId,
      );
      if (!row) throw new Error("no row");
      return row;
    } catch (error) {
      if (attempt >= 5) throw error;
      await sleep(200);
    }
  }
}

it("the worker survives its connections being terminated mid-burst, and stores every event once", async () => {
  const project = await createTestProject(db, "Terminated");
  const [serverPort = 0, workerPort = 0] = childPorts(2);
  const server = await startChild("server", "server/dist/main.js", serverPort, { PORT: String(serverPort) });
  services.push(server);
  const worker = await startChild("worker", "worker/dist/main.js", workerPort, {
    WORKER_HEALTH_PORT: String(workerPort),
    WORKER_CONCURRENCY: "16",
    LOG_LEVEL: "warn",
  });
  services.push(worker);

  const admin = new Client({ connectionString: testUrls().databaseUrl });
  await admin.connect();
  let terminating = true;
  let ended = 0;
  let rounds = 0;
  const terminator = (async () => {
    while (terminating) {
      ended += await terminateConnections(admin);
      rounds += 1;
      await sleep(150 + Math.floor(Math.random() * 150));
    }
  })();

  const url = `${server.url}/api/${project.projectId}/envelope/?sentry_key=${project.publicKey}&sentry_version=7`;
  const total = 1200;
  const accepted: number[] = [];
  try {
    for (let i = 0; i < total; i += 24) {
      const statuses = await Promise.all(
        Array.from({ length: 24 }, async (_, j) => {
          const n = i + j;
          const res = await fetch(url, { method: "POST", body: envelope(idOf(n), n % 6) });
          if (res.status === 200) accepted.push(n);
          return res.status;
        }),
      );
      // Ingest never touches PostgreSQL for a known key: nothing is refused.
      expect(statuses.filter((status) => status !== 200)).toEqual([]);
    }
    // Keep ending connections while the worker catches up.
    await waitFor(
      async () => {
        const now = await stored(project.projectId);
        return now.events + now.countedOnly >= total / 2;
      },
      60_000,
      "half the events stored",
    );
    await sleep(1000);
  } catch (error) {
    // Which process failed, and what it said (logs carry no payloads).
    throw new Error(`burst failed (server exit ${server.exitCode()}): ${server.output().slice(-1500)}`, {
      cause: error,
    });
  } finally {
    terminating = false;
    await terminator;
    await admin.end();
  }
  expect(rounds).toBeGreaterThan(3);
  expect(ended).toBeGreaterThan(0);

  // The worker is still the same process, and answers.
  expect(worker.exitCode()).toBeNull();
  expect((await fetch(`${worker.url}/_health/`)).status).toBe(200);
  await waitFor(
    async () => (await fetch(`${worker.url}/_health/ready`)).status === 200,
    30_000,
    "the worker to be ready",
  );

  const queue = new Queue(INGEST_QUEUE, { connection: { url: testUrls().redisUrl } });
  try {
    await waitFor(
      async () => {
        const now = await stored(project.projectId);
        return now.events + now.countedOnly === accepted.length ? true : undefined;
      },
      150_000,
      "every accepted event stored",
    );
    await sleep(1000);
    expect(accepted).toHaveLength(total);
    const after = await stored(project.projectId);
    expect(after.events + after.countedOnly).toBe(total);
    expect(after.both).toBe(0);
    expect(after.timesSeen).toBe(total);
    // No event job failed for good: each one that met a dropped connection was retried.
    // (A maintenance job has one attempt and runs again on its schedule.)
    const failed = await queue.getFailed();
    const maintenance: string[] = [
      JOB_NAMES.flushOutcomes,
      JOB_NAMES.retention,
      JOB_NAMES.eventPartitions,
      JOB_NAMES.expireIgnores,
      JOB_NAMES.monitorClock,
    ];
    expect(failed.map((job) => job.name).filter((name) => !maintenance.includes(name))).toEqual([]);
  } finally {
    await queue.close();
  }
  expect(worker.exitCode()).toBeNull();
  expect(server.exitCode()).toBeNull();
});
