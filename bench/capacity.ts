/**
 * npm run bench:capacity — the figures of docs/capacity.md, from one run of the realistic event
 * mix (bench/lib/payloads.ts) through the built server and worker:
 *
 * 1. With no worker running, BENCH_EVENTS envelopes are sent: the server's CPU per 1000 events,
 *    and Redis memory per queued event (INFO memory, used_memory before and after, on a private
 *    redis-server so nothing else is counted).
 * 2. Then one worker stores them all: the worker's CPU per 1000 events, PostgreSQL's CPU (its
 *    backends for this database), rows written and transactions per event (pg_stat_database),
 *    database growth per event (pg_database_size and the event and issue tables'
 *    pg_total_relation_size) and WAL bytes per event (pg_current_wal_lsn; cluster-wide, so other
 *    databases' writes during the run are counted too).
 *
 * Settings: BENCH_EVENTS (20000), BENCH_GROUPS (50), BENCH_CONCURRENCY (32), BENCH_PG_URL
 * (postgresql://root@127.0.0.1:5432), BENCH_DATABASE (faultline_capacity, recreated), BENCH_PORT.
 */
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import path from "node:path";
import { Redis } from "ioredis";
import { Client } from "pg";
import { makeEnvelope } from "./lib/payloads";
import { cpuSeconds, ROOT, startProcess, stopProcess, waitUntil } from "./lib/processes";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const GROUPS = Number(process.env.BENCH_GROUPS ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const PG_BASE = (process.env.BENCH_PG_URL ?? "postgresql://root@127.0.0.1:5432").replace(/\/+$/, "");
const DATABASE = process.env.BENCH_DATABASE ?? "faultline_capacity";
const DATABASE_URL = `${PG_BASE}/${DATABASE}`;
const PORT = Number(process.env.BENCH_PORT ?? 18_100);

async function main(): Promise<void> {
  const redisPort = await freePort();
  const redisServer = spawn(
    "redis-server",
    ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  const REDIS_URL = `redis://127.0.0.1:${redisPort}`;
  const redis = new Redis(REDIS_URL, { retryStrategy: (attempt) => Math.min(attempt * 100, 1000) });
  await recreateDatabase();
  const env = {
    DATABASE_URL,
    REDIS_URL,
    PORT: String(PORT),
    PUBLIC_URL: `http://127.0.0.1:${PORT}`,
    // Spike protection would store only a sample of the burst; this measures full storage.
    SPIKE_MIN_EVENTS_PER_MINUTE: "1000000000",
    WORKER_HEALTH_PORT: "0",
  };
  const { dsnKey, projectId } = createProject(env);
  const pg = new Client({ connectionString: DATABASE_URL });
  await pg.connect();
  const server = startProcess("server/dist/main.js", env);
  let worker: ReturnType<typeof startProcess> | undefined;
  try {
    await waitUntil(
      async () => (await fetch(`http://127.0.0.1:${PORT}/_health/`).catch(() => null))?.ok === true,
      20_000,
      "the server",
    );
    const url = `http://127.0.0.1:${PORT}/api/${projectId}/envelope/?sentry_key=${dsnKey}&sentry_version=7`;
    const bodies = Array.from({ length: EVENTS }, (_, i) => makeEnvelope(i, GROUPS));
    const bodyBytes = bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0);

    // 1. Ingest alone: server CPU and Redis memory per queued event.
    const redisBefore = await usedMemory(redis);
    const serverCpuBefore = cpuSeconds(server.pid);
    let next = 0;
    let refused = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++] as string;
          if ((await post(url, body)) !== 200) refused++;
        }
      }),
    );
    const serverCpu = cpuSeconds(server.pid) - serverCpuBefore;
    const redisAfter = await usedMemory(redis);
    const queueJobs = Number(await redis.get("bull:ingest:id"));

    // 2. The worker stores the backlog: worker and PostgreSQL CPU, writes and growth.
    const pgBefore = await databaseFigures(pg);
    worker = startProcess("worker/dist/main.js", env);
    const workerPid = worker.pid;
    const workerCpuBefore = cpuSeconds(workerPid);
    const backendCpuBefore = await backendCpu(pg);
    const started = performance.now();
    await waitUntil(
      async () => {
        const { rows } = await pg.query<{ n: string }>("SELECT coalesce(sum(times_seen), 0) AS n FROM issue");
        return Number(rows[0]?.n) >= EVENTS - refused;
      },
      900_000,
      "every event stored",
    );
    const storeSeconds = (performance.now() - started) / 1000;
    const workerCpu = cpuSeconds(workerPid) - workerCpuBefore;
    const postgresCpu = subtractCpu(await backendCpu(pg), backendCpuBefore);
    // Backends report their statistics when idle, at most a second late.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const pgAfter = await databaseFigures(pg);

    const stored = EVENTS - refused;
    const per1000 = (seconds: number) => Number(((seconds / stored) * 1000).toFixed(3));
    const perEvent = (after: number, before: number, digits = 1) => Number(((after - before) / stored).toFixed(digits));
    const report = {
      events: EVENTS,
      refused,
      issues: GROUPS,
      averageEnvelopeBytes: Math.round(bodyBytes / EVENTS),
      queueJobs,
      serverCpuSecondsPer1000Events: per1000(serverCpu),
      workerCpuSecondsPer1000Events: per1000(workerCpu),
      postgresCpuSecondsPer1000Events: per1000(postgresCpu),
      workerStoreEventsPerSecond: Math.round(stored / storeSeconds),
      redisBytesPerQueuedEvent: Math.round((redisAfter - redisBefore) / stored),
      postgres: {
        rowsInsertedPerEvent: perEvent(pgAfter.inserted, pgBefore.inserted),
        rowsUpdatedPerEvent: perEvent(pgAfter.updated, pgBefore.updated),
        rowsDeletedPerEvent: perEvent(pgAfter.deleted, pgBefore.deleted),
        commitsPerEvent: perEvent(pgAfter.commits, pgBefore.commits, 3),
        databaseBytesPerEvent: Math.round(perEvent(pgAfter.databaseBytes, pgBefore.databaseBytes)),
        eventTableBytesPerEvent: Math.round(perEvent(pgAfter.eventBytes, pgBefore.eventBytes)),
        walBytesPerEvent: Math.round(perEvent(pgAfter.walBytes, pgBefore.walBytes)),
      },
      loadAverage: readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" "),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    agent.destroy();
    await pg.end();
    await stopProcess(server);
    if (worker) await stopProcess(worker);
    redis.disconnect();
    redisServer.kill();
  }
}

interface DatabaseFigures {
  inserted: number;
  updated: number;
  deleted: number;
  commits: number;
  databaseBytes: number;
  eventBytes: number;
  walBytes: number;
}

async function databaseFigures(pg: Client): Promise<DatabaseFigures> {
  const { rows } = await pg.query<Record<keyof DatabaseFigures, string>>(
    `SELECT tup_inserted AS inserted, tup_updated AS updated, tup_deleted AS deleted, xact_commit AS commits,
            pg_database_size(current_database()) AS "databaseBytes",
            (SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c
              WHERE c.relkind IN ('r', 'p') AND (c.relname = 'event' OR c.relname LIKE 'event\\_%')) AS "eventBytes",
            pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0') AS "walBytes"
       FROM pg_stat_database WHERE datname = current_database()`,
  );
  const row = rows[0];
  if (!row) throw new Error("pg_stat_database has no row for this database");
  return {
    inserted: Number(row.inserted),
    updated: Number(row.updated),
    deleted: Number(row.deleted),
    commits: Number(row.commits),
    databaseBytes: Number(row.databaseBytes),
    eventBytes: Number(row.eventBytes),
    walBytes: Number(row.walBytes),
  };
}

/** CPU seconds of each PostgreSQL backend serving this database (this client's included). */
async function backendCpu(pg: Client): Promise<Map<number, number>> {
  const { rows } = await pg.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'",
  );
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      cpu.set(pid, cpuSeconds(pid));
    } catch {
      // Gone between the query and the read.
    }
  }
  return cpu;
}

/** CPU used between two readings; a backend that started in between counts from zero. */
function subtractCpu(after: Map<number, number>, before: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info("memory");
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? Number.NaN);
}

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

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function recreateDatabase(): Promise<void> {
  const admin = new Client({ connectionString: `${PG_BASE}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${DATABASE}"`);
  await admin.end();
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

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
