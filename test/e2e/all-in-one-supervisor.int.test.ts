/**
 * `npm start` runs the worker in a child process the server supervises: the server keeps
 * answering SDKs and health checks whatever the worker does (busy, frozen, killed), a worker
 * that dies comes back on its own, and what was answered 200 is stored and counted exactly once.
 * SIGTERM stops both; nothing is left running.
 */
import { fork } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { INGEST_QUEUE } from "@faultline/core";
import type { Database } from "@faultline/db";
import { Queue } from "bullmq";
import { childPorts, startChild, type ChildService } from "../support/child-processes";
import { createTestProject, openDatabase, resetState, testUrls, waitFor } from "../support/harness";

// A killed worker's jobs are only picked up again once BullMQ sees them stalled (30 s).
jest.setTimeout(240_000);

let db: Database;
let queue: Queue;
let faultline: ChildService | undefined;
const [port = 0, workerHealthPort = 0] = childPorts(2);

interface WorkerReport {
  state: string;
  pid: number | null;
  restarts: number;
}

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  queue = new Queue(INGEST_QUEUE, { connection: { url: testUrls().redisUrl } });
});

afterEach(async () => {
  await faultline?.stop();
  faultline = undefined;
});

afterAll(async () => {
  await queue.close();
  await db.$disconnect();
});

async function startAllInOne(env: Record<string, string> = {}): Promise<ChildService> {
  faultline = await startChild("all-in-one", "server/dist/all-in-one.js", port, {
    PORT: String(port),
    WORKER_HEALTH_PORT: String(workerHealthPort),
    WORKER_CONCURRENCY: "16",
    ...env,
  });
  return faultline;
}

async function readiness(service: ChildService): Promise<{ status: number; worker: WorkerReport }> {
  const res = await fetch(`${service.url}/_health/ready`);
  const body = (await res.json()) as { worker: WorkerReport };
  return { status: res.status, worker: body.worker };
}

async function runningWorkerPid(service: ChildService, other?: number): Promise<number> {
  return waitFor(
    async () => {
      const { worker } = await readiness(service);
      return worker.state === "running" && worker.pid !== null && worker.pid !== other ? worker.pid : undefined;
    },
    30_000,
    "a running worker process",
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function storeEvent(service: ChildService, project: { projectId: number; publicKey: string }, eventId: string) {
  return fetch(`${service.url}/api/${project.projectId}/store/?sentry_key=${project.publicKey}&sentry_version=7`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      event_id: eventId,
      platform: "node",
      level: "error",
      exception: {
        values: [
          {
            type: "SupervisedError",
            value: "the worker was killed meanwhile",
            stacktrace: { frames: [{ filename: "app/burst.js", function: "burst", lineno: 7, in_app: true }] },
          },
        ],
      },
    }),
  });
}

/** Stored events (all and distinct ids) and the sum of the issues' counts of one project. */
async function storedAndCounted(projectId: number) {
  const [row] = await db.$queryRawUnsafe<{ rows: number; distinct_ids: number; counted: number }[]>(
    `SELECT (SELECT count(*)::int FROM event WHERE project_id = $1) AS rows,
            (SELECT count(DISTINCT event_id)::int FROM event WHERE project_id = $1) AS distinct_ids,
            (SELECT coalesce(sum(times_seen), 0)::int FROM issue WHERE project_id = $1) AS counted`,
    projectId,
  );
  return row ?? { rows: 0, distinct_ids: 0, counted: 0 };
}

async function queueSettled(): Promise<boolean> {
  const counts = await queue.getJobCounts("waiting", "active", "prioritized");
  if (!Object.values(counts).every((count) => count === 0)) return false;
  const delayed = await queue.getDelayed();
  return delayed.every((job) => job.repeatJobKey !== undefined);
}

/**
 * 300 events in rounds of 20; the worker process is killed with SIGKILL once the first ones are
 * stored. Returns how many were answered 200.
 */
async function burstWithWorkerKilled(service: ChildService, project: { projectId: number; publicKey: string }) {
  const firstPid = await runningWorkerPid(service);
  const prefix = project.projectId.toString(16).padStart(8, "0");
  let accepted = 0;
  let killed = false;
  for (let round = 0; round < 15; round++) {
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async (_, index) => {
        const eventId = `${prefix}${(round * 20 + index).toString(16).padStart(24, "0")}`;
        return (await storeEvent(service, project, eventId)).status;
      }),
    );
    accepted += statuses.filter((status) => status === 200).length;
    // Mid-burst: as soon as the first events are stored (on a loaded machine that may take a
    // while), with the rest of the queued ones still in the worker's hands or waiting.
    if (!killed && round === 4) {
      await waitFor(
        async () => (await storedAndCounted(project.projectId)).counted > 0 || undefined,
        60_000,
        "the first events stored",
      );
      process.kill(firstPid, "SIGKILL");
      killed = true;
    }
  }
  expect(killed).toBe(true);
  const secondPid = await runningWorkerPid(service, firstPid);
  expect(isAlive(firstPid)).toBe(false);
  const { status, worker } = await readiness(service);
  expect(status).toBe(200);
  expect(worker.restarts).toBe(1);
  expect(secondPid).not.toBe(firstPid);
  return accepted;
}

it("a worker killed mid-burst comes back, and every accepted event is stored and counted once (spike protection off)", async () => {
  const service = await startAllInOne({ SPIKE_MIN_EVENTS_PER_MINUTE: "1000000" });
  const project = await createTestProject(db, "Supervised");
  const accepted = await burstWithWorkerKilled(service, project);
  expect(accepted).toBe(300);
  await waitFor(
    async () => (await queueSettled()) && (await storedAndCounted(project.projectId)).rows >= accepted,
    120_000,
    "every accepted event stored",
  );
  expect(await storedAndCounted(project.projectId)).toEqual({ rows: 300, distinct_ids: 300, counted: 300 });
  // The server's /metrics: the worker process's own figures, and that it was restarted once.
  const metrics = await (await fetch(`${service.url}/metrics`)).text();
  expect(metrics).toMatch(/^faultline_events_processed_total\{result="stored"\} [1-9]\d*$/m);
  expect(metrics).toMatch(/^faultline_worker_process_restarts_total 1$/m);
  expect(metrics).toMatch(/^faultline_worker_process_up 1$/m);
});

it("a worker killed mid-burst comes back, and every accepted event is counted once (spike protection on)", async () => {
  // Spiking from the second event of the minute on: about half the payloads are stored, every
  // event is counted on its issue.
  const service = await startAllInOne({
    SPIKE_MIN_EVENTS_PER_MINUTE: "1",
    SPIKE_FACTOR: "1",
    SPIKE_SAMPLE_RATE: "0.5",
  });
  const project = await createTestProject(db, "Supervised spiking");
  const accepted = await burstWithWorkerKilled(service, project);
  expect(accepted).toBe(300);
  await waitFor(
    async () => (await queueSettled()) && (await storedAndCounted(project.projectId)).counted >= accepted,
    120_000,
    "every accepted event counted",
  );
  const result = await storedAndCounted(project.projectId);
  expect(result.counted).toBe(300);
  expect(result.distinct_ids).toBe(result.rows);
  expect(result.rows).toBeGreaterThan(0);
  expect(result.rows).toBeLessThan(300);
});

it("answers SDKs and health checks while the worker is frozen, and stores the events once it runs again", async () => {
  const service = await startAllInOne();
  const project = await createTestProject(db, "Frozen worker");
  const pid = await runningWorkerPid(service);
  process.kill(pid, "SIGSTOP");
  try {
    const started = Date.now();
    for (let index = 0; index < 20; index++) {
      const eventId = `f${index.toString(16).padStart(31, "0")}`;
      expect((await storeEvent(service, project, eventId)).status).toBe(200);
    }
    expect((await fetch(`${service.url}/_health/`)).status).toBe(200);
    const { status, worker } = await readiness(service);
    expect(status).toBe(200);
    expect(worker).toMatchObject({ state: "running", pid });
    // Generous: a stalled answer would take as long as the worker stays frozen.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await storedAndCounted(project.projectId)).rows).toBe(0);
  } finally {
    process.kill(pid, "SIGCONT");
  }
  await waitFor(
    async () => (await storedAndCounted(project.projectId)).rows === 20,
    30_000,
    "the events stored once the worker runs again",
  );
});

it("answers health checks while the worker is dead and being restarted", async () => {
  // The worker keeps dying: every worker process is killed as soon as it is seen. (A setting it
  // cannot start with, such as a WORKER_HEALTH_PORT in use, stops `npm start` instead.)
  const service = await startAllInOne();
  const killed = new Set<number>();
  const killer = setInterval(() => {
    readiness(service).then(
      ({ worker }) => {
        if (worker.pid === null || killed.has(worker.pid)) return;
        killed.add(worker.pid);
        process.kill(worker.pid, "SIGKILL");
      },
      () => undefined,
    );
  }, 50);
  try {
    const seen = await waitFor(
      async () => {
        const { status, worker } = await readiness(service);
        return worker.restarts >= 1 ? { status, worker } : undefined;
      },
      30_000,
      "the worker to be restarted",
    );
    expect(seen.status).toBe(200);
    expect(["starting", "restarting"]).toContain(seen.worker.state);
    expect((await fetch(`${service.url}/_health/`)).status).toBe(200);
    // Backoff: a second and then two before the next tries, not a spin.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await readiness(service)).worker.restarts).toBeLessThanOrEqual(3);
  } finally {
    clearInterval(killer);
  }
});

it("SIGTERM stops the worker process too, then exits 0", async () => {
  const service = await startAllInOne();
  const pid = await runningWorkerPid(service);
  service.signal("SIGTERM");
  await waitFor(async () => service.exitCode() !== null, 30_000, "all-in-one to exit");
  expect(service.exitCode()).toBe(0);
  expect(isAlive(pid)).toBe(false);
  // No worker was started again during the shutdown: nothing answers on its health port.
  await expect(fetch(`http://127.0.0.1:${workerHealthPort}/_health/`)).rejects.toThrow();
});

it("a killed server process takes its worker process with it", async () => {
  const service = await startAllInOne();
  const pid = await runningWorkerPid(service);
  service.signal("SIGKILL");
  await waitFor(async () => !isAlive(pid), 30_000, "the worker process to stop");
});

it("a worker process too busy to stop is killed once its server process has been gone a while", async () => {
  // Stand-ins: a parent that forks a child which arms the watchdog, then never frees its loop.
  const dir = mkdtempSync(path.join(tmpdir(), "orphan-"));
  const watchdog = path.resolve(__dirname, "../../worker/dist/orphan-watchdog.js");
  const child = path.join(dir, "busy-worker.js");
  writeFileSync(
    child,
    `require(${JSON.stringify(watchdog)}).killWhenOrphaned(500);
process.send({ pid: process.pid });
for (;;);`,
  );
  const parentScript = path.join(dir, "server.js");
  writeFileSync(
    parentScript,
    `const worker = require("node:child_process").fork(${JSON.stringify(child)}, [], { detached: true });
worker.on("message", (message) => process.send(message));
setInterval(() => undefined, 1000);`,
  );
  const parent = fork(parentScript, [], { stdio: "ignore" });
  let pid: number | undefined;
  try {
    pid = await new Promise<number>((resolve) =>
      parent.once("message", (message: { pid: number }) => resolve(message.pid)),
    );
    expect(isAlive(pid)).toBe(true);
    parent.kill("SIGKILL");
    const busy = pid;
    await waitFor(async () => !isAlive(busy), 15_000, "the busy worker process to be killed");
  } finally {
    parent.kill("SIGKILL");
    if (pid !== undefined && isAlive(pid)) process.kill(pid, "SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
});
