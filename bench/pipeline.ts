/**
 * npm run bench:pipeline — events per second through ingest + worker, end to end (accepted →
 * stored and counted), the queue lag p95, and the worker's peak RSS. Runs the built server and
 * worker as separate processes against local PostgreSQL (database faultline_bench, recreated)
 * and a private redis-server on a free port (BENCH_REDIS_URL instead: that Redis, flushed). Settings: BENCH_EVENTS (default 20000), BENCH_GROUPS (50),
 * BENCH_CONCURRENCY (32), BENCH_DATABASE_URL, BENCH_REDIS_URL.
 *
 * BENCH_DRAIN=1 queues every event first and only then starts the worker: the worker's own
 * rate, without the server and the senders sharing its cores. BENCH_RATE=1000 paces sending to
 * that many events per second: the lag when the worker keeps up, rather than a backlog's.
 *
 * BENCH_ALL_IN_ONE=1 (`npm run bench:all-in-one`) starts `npm start`'s entry point instead: the
 * server with its supervised worker child, as a small install runs them on one box.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import path from "node:path";
import { Redis } from "ioredis";
import { Client } from "pg";
import { makeEnvelope } from "./lib/payloads";
import { cpuSeconds, percentile, peakRssMiB, ROOT, startProcess, stopProcess, waitUntil } from "./lib/processes";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const GROUPS = Number(process.env.BENCH_GROUPS ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/faultline_bench";
const PORT = Number(process.env.BENCH_PORT ?? 18_000);
const DRAIN = process.env.BENCH_DRAIN === "1";
// BENCH_RATE=1000 paces the senders to that many events per second (default: as fast as accepted).
const RATE = Number(process.env.BENCH_RATE ?? 0);
// BENCH_WORKER_FLAGS="--max-semi-space-size=8": V8 or Node flags for the worker process.
const WORKER_FLAGS = (process.env.BENCH_WORKER_FLAGS ?? "").split(" ").filter(Boolean);
const ALL_IN_ONE = process.env.BENCH_ALL_IN_ONE === "1";

async function main(): Promise<void> {
  await recreateDatabase();
  // A Redis of its own by default: a shared one's other users (tests flushing it) would lose jobs.
  const privateRedis = process.env.BENCH_REDIS_URL ? undefined : await startRedisServer();
  const REDIS_URL = process.env.BENCH_REDIS_URL ?? `redis://127.0.0.1:${privateRedis?.port}`;
  const redis = new Redis(REDIS_URL, { retryStrategy: (attempt) => Math.min(attempt * 100, 1000) });
  await redis.flushdb();
  // Spike protection would store only a sample of this burst; the benchmark measures full storage.
  const env = {
    DATABASE_URL,
    REDIS_URL,
    PORT: String(PORT),
    PUBLIC_URL: `http://127.0.0.1:${PORT}`,
    SPIKE_MIN_EVENTS_PER_MINUTE: "1000000000",
    WORKER_HEALTH_PORT: "0",
  };
  const { dsnKey, projectId } = createProject(env);

  if (ALL_IN_ONE && DRAIN) throw new Error("BENCH_DRAIN and BENCH_ALL_IN_ONE do not go together");
  const server = startProcess(ALL_IN_ONE ? "server/dist/all-in-one.js" : "server/dist/main.js", env);
  let worker = DRAIN || ALL_IN_ONE ? undefined : startProcess("worker/dist/main.js", env, WORKER_FLAGS);
  const pg = new Client({ connectionString: DATABASE_URL });
  await pg.connect();
  try {
    await waitUntil(
      async () => (await fetch(`http://127.0.0.1:${PORT}/_health/`).catch(() => null))?.ok === true,
      20_000,
      "the server",
    );
    // All in one: the worker is the server's child process (its CPU and RSS are reported apart).
    const workerPid = ALL_IN_ONE ? await childPid(server.pid) : worker?.pid;
    const url = `http://127.0.0.1:${PORT}/api/${projectId}/envelope/?sentry_key=${dsnKey}&sentry_version=7`;
    const bodies = Array.from({ length: EVENTS }, (_, i) => makeEnvelope(i, GROUPS));
    const totalBytes = bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0);

    let workerCpuBefore = DRAIN ? 0 : cpuSeconds(workerPid);
    const serverCpuBefore = cpuSeconds(server.pid);
    let started = performance.now();
    let next = 0;
    let refused = 0;
    const acceptedAt: number[] = [];
    const responseMs: number[] = [];
    const storedCount = sampleStoredCount(pg, 600_000);
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < bodies.length) {
          const index = next++;
          const body = bodies[index] as string;
          if (RATE > 0) await sleepUntil(started + (index / RATE) * 1000);
          const posted = performance.now();
          if ((await post(url, body)) !== 200) refused++;
          else acceptedAt.push(performance.now());
          responseMs.push(performance.now() - posted);
        }
      }),
    );
    const sent = performance.now();
    const ingestSeconds = (sent - started) / 1000;
    if (DRAIN) {
      console.log(`  queued ${EVENTS} events in ${((sent - started) / 1000).toFixed(2)} s; starting the worker`);
      worker = startProcess("worker/dist/main.js", env, WORKER_FLAGS);
      workerCpuBefore = cpuSeconds(worker.pid);
      started = performance.now();
    }
    const samples = await storedCount.reaching(EVENTS - refused);
    const done = performance.now();

    const counted = await pg.query("SELECT count(*)::int AS issues, sum(times_seen)::int AS events FROM issue");
    const lags = DRAIN ? [] : lagsMs(acceptedAt, samples);
    const seconds = (done - started) / 1000;
    console.log(
      `\nbench:${ALL_IN_ONE ? "all-in-one" : "pipeline"} — ${EVENTS} events (${GROUPS} issues, avg ${(totalBytes / EVENTS / 1024).toFixed(1)} KiB), ${CONCURRENCY} concurrent senders${RATE > 0 ? `, paced to ${RATE} events/s` : ""}`,
    );
    console.log(`  refused by ingest:        ${refused}`);
    console.log(`  ingest finished after:    ${ingestSeconds.toFixed(2)} s`);
    responseMs.sort((a, b) => a - b);
    console.log(
      `  ingest response time:     p50 ${percentile(responseMs, 50).toFixed(1)} ms, p99 ${percentile(responseMs, 99).toFixed(1)} ms${DRAIN ? "" : " (while the worker runs)"}`,
    );
    console.log(
      `  all stored and counted:   ${seconds.toFixed(2)} s${DRAIN ? " after the worker started" : ""}  →  ${(EVENTS / seconds).toFixed(0)} events/s ${DRAIN ? "by the worker alone" : "end to end"}`,
    );
    console.log(`  issues / counted events:  ${counted.rows[0].issues} / ${counted.rows[0].events}`);
    const queuedJobs = Number(await redis.get("bull:ingest:id"));
    console.log(`  queue jobs written:       ${queuedJobs} (${(EVENTS / queuedJobs).toFixed(1)} events per job)`);
    // Drained, every job waited for the worker to start: its lag says nothing.
    if (!DRAIN)
      console.log(
        `  queue lag (accepted → stored and counted): p50 ${percentile(lags, 50).toFixed(0)} ms, p95 ${percentile(lags, 95).toFixed(0)} ms, max ${(lags.at(-1) ?? Number.NaN).toFixed(0)} ms`,
      );
    const workerCpu = cpuSeconds(worker?.pid ?? workerPid) - workerCpuBefore;
    const serverCpu = cpuSeconds(server.pid) - serverCpuBefore;
    console.log(
      `  CPU per 1000 events:      worker ${((workerCpu / EVENTS) * 1000).toFixed(2)} s, server ${((serverCpu / EVENTS) * 1000).toFixed(2)} s`,
    );
    console.log(`  worker peak RSS:          ${peakRssMiB(worker?.pid ?? workerPid).toFixed(0)} MiB`);
    console.log(`  server peak RSS:          ${peakRssMiB(server.pid).toFixed(0)} MiB`);
    console.log(
      `  load average:             ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`,
    );
  } finally {
    agent.destroy();
    await pg.end();
    redis.disconnect();
    await stopProcess(server);
    if (worker) await stopProcess(worker);
    privateRedis?.process.kill();
  }
}

async function startRedisServer(): Promise<{ port: number; process: ChildProcess }> {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: "ignore",
    },
  );
  return { port, process: child };
}

// node:http with kept-alive sockets: fetch costs the sender several times more CPU per request,
// and the sender shares the machine's cores with what is being measured.
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: "POST", agent, headers: { "content-type": "application/x-sentry-envelope" } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function recreateDatabase(): Promise<void> {
  const admin = new URL(DATABASE_URL);
  const name = admin.pathname.slice(1);
  admin.pathname = "/postgres";
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  execFileSync(process.execPath, [path.join(ROOT, "server/dist/cli/main.js"), "migrate", "--json"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL },
    stdio: "ignore",
  });
}

function createProject(env: Record<string, string>): { dsnKey: string; projectId: number } {
  const out = execFileSync(
    process.execPath,
    [path.join(ROOT, "server/dist/cli/main.js"), "create-project", "--org", "bench", "--name", "Bench", "--json"],
    { cwd: ROOT, env: { ...process.env, ...env } },
  );
  const created = JSON.parse(out.toString()) as { dsn: string; projectId: number };
  return { dsnKey: new URL(created.dsn).username, projectId: created.projectId };
}

/** The first child process of `pid` (the supervised worker of `npm start`), once it exists. */
async function childPid(pid: number | undefined): Promise<number> {
  let found: number | undefined;
  await waitUntil(
    async () => {
      const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
      found = children ? Number(children.split(" ")[0]) : undefined;
      return found !== undefined;
    },
    20_000,
    "the worker child process",
  );
  return found as number;
}

async function sleepUntil(at: number): Promise<void> {
  const wait = at - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

interface CountSample {
  at: number;
  stored: number;
}

/**
 * Samples how many events are stored and counted, every 50 ms from the start of sending, so the
 * lag of every event can be read off (BullMQ keeps only the latest completed jobs).
 */
function sampleStoredCount(pg: Client, timeoutMs: number) {
  const samples: CountSample[] = [];
  let expected = Number.POSITIVE_INFINITY;
  const deadline = performance.now() + timeoutMs;
  const finished = (async () => {
    while (performance.now() < deadline) {
      const { rows } = await pg.query<{ n: string }>("SELECT coalesce(sum(times_seen), 0) AS n FROM issue");
      const stored = Number(rows[0]?.n ?? 0);
      samples.push({ at: performance.now(), stored });
      if (stored >= expected) return samples;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("timed out waiting for all events stored");
  })();
  return {
    /** Resolves to the samples once `count` events are stored. */
    reaching(count: number): Promise<CountSample[]> {
      expected = count;
      return finished;
    },
  };
}

/**
 * Accepted → counted per event, taking events as stored in the order they were accepted (the
 * queue is first in, first out): the k-th event counts as stored at the first sample with k
 * events stored. Sorted, in milliseconds; precise to the 50 ms sampling.
 */
function lagsMs(acceptedAt: number[], samples: CountSample[]): number[] {
  const accepted = [...acceptedAt].sort((a, b) => a - b);
  const lags: number[] = [];
  let sample = 0;
  for (let k = 0; k < accepted.length; k++) {
    while (sample < samples.length && (samples[sample] as CountSample).stored < k + 1) sample++;
    const storedAt = samples[sample]?.at;
    if (storedAt !== undefined) lags.push(Math.max(0, storedAt - (accepted[k] as number)));
  }
  return lags.sort((a, b) => a - b);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
