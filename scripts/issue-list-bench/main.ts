/**
 * npm run bench:issues — how fast the issue list answers with 10,000 issues and 1,000,000
 * events. Creates (or reuses, with BENCH_REUSE=1) the database faultline_bench_api, seeds it
 * with SQL, then times `GET /api/0/projects/bench/app/issues/` through the real app (HTTP,
 * token auth, search, stats) for a set of queries: median and p95 of BENCH_RUNS runs each.
 * Settings: BENCH_ISSUES (10000), BENCH_EVENTS (1000000), BENCH_RUNS (30), BENCH_DATABASE_URL,
 * BENCH_REDIS_URL (database 14, flushed).
 * Then the event list of the busiest issue and of a typical one, and retention dropping the oldest
 * seeded day's partition (which leaves a BENCH_REUSE database a day shorter).
 */
import { execFileSync } from "node:child_process";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { applyRetention, createDatabase, createIngestKeysRepo } from "@faultline/db";
import { createIngestQueue, createLogger, createProducerRedis, waitForRedis } from "@faultline/runtime";
import { Client } from "pg";
import { DEFAULT_API_SETTINGS } from "../../server/src/api/api-deps";
import { createTokensService } from "../../server/src/api/tokens/tokens.service";
import { createApp } from "../../server/src/app";
import { KeyCache } from "../../server/src/ingest/key-cache";
import { seed } from "./seed";

// Compiled to scripts/dist/scripts/issue-list-bench/.
const ROOT = path.resolve(__dirname, "../../../..");
const ISSUES = Number(process.env.BENCH_ISSUES ?? 10_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/faultline_bench_api";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/14";

const QUERIES = [
  "",
  "?query=",
  "?sort=freq",
  "?sort=new",
  "?sort=user",
  "?statsPeriod=14d",
  "?query=is:resolved",
  "?query=level:fatal",
  "?query=environment:staging",
  "?query=browser:%22Safari%2017%22",
  "?query=user.id:user-123",
  "?query=failure%2042",
  "?query=firstSeen:-24h",
  "?query=times_seen:%3E100",
  "?query=!level:error%20is:unresolved%20release:app@1.0.3",
];

async function prepareDatabase(): Promise<void> {
  const url = new URL(DATABASE_URL);
  const name = url.pathname.slice(1);
  url.pathname = "/postgres";
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount;
  if (exists && process.env.BENCH_REUSE === "1") {
    await admin.end();
    return;
  }
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  execFileSync(process.execPath, [require.resolve("prisma/build/index.js", { paths: [ROOT] }), "migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL },
    stdio: "ignore",
  });
  const pg = new Client({ connectionString: DATABASE_URL });
  await pg.connect();
  console.log(`seeding ${ISSUES} issues and ${EVENTS} events`);
  await seed(pg, ISSUES, EVENTS, (line) => console.log(line));
  await pg.end();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  await prepareDatabase();
  const db = createDatabase({ url: DATABASE_URL, poolSize: 5 });
  const redis = createProducerRedis(REDIS_URL);
  await waitForRedis(redis, 5000);
  await redis.flushdb();
  const log = createLogger("silent", "bench");
  const user = await db.user.upsert({
    where: { email: "bench@example.com" },
    create: { email: "bench@example.com", passwordHash: "-", isSuperuser: true },
    update: {},
  });
  const { token } = await createTokensService(db).create(user.id, "bench", ["read"]);
  const ingestKeys = createIngestKeysRepo(db);
  const app = createApp({
    log,
    keys: new KeyCache((key) => ingestKeys.findIngestKey(key), 60_000),
    queue: createIngestQueue(redis),
    redis,
    limits: { maxCompressed: 1 << 20, maxDecompressed: 1 << 20, maxEventBytes: 1 << 20, maxAttachmentBytes: 1 << 20 },
    api: { db, redis, log, settings: { ...DEFAULT_API_SETTINGS, publicUrl: "http://127.0.0.1" } },
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const base = `${origin}/api/0/projects/bench/app/issues/`;
  /** Median and p95 of RUNS requests (after 3 that warm caches); prints one line. */
  const time = async (url: string, label: string): Promise<number> => {
    const times: number[] = [];
    let count = 0;
    for (let run = 0; run < RUNS + 3; run++) {
      const started = performance.now();
      const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
      const body = (await res.json()) as unknown;
      if (!res.ok) throw new Error(`${label}: ${res.status} ${JSON.stringify(body)}`);
      if (run >= 3) times.push(performance.now() - started);
      count = Array.isArray(body) ? body.length : 1;
    }
    times.sort((a, b) => a - b);
    console.log(
      `${percentile(times, 50).toFixed(1).padStart(9)}  ${percentile(times, 95).toFixed(1).padStart(6)}  ${String(count).padStart(7)}  ${label}`,
    );
    return percentile(times, 50);
  };
  console.log(`\nGET /api/0/projects/bench/app/issues/ (25 per page, stats 24h unless noted), ${RUNS} runs each`);
  console.log("median ms  p95 ms  results  query");
  const medians: number[] = [];
  for (const query of QUERIES) {
    medians.push(await time(`${base}${query}`, decodeURIComponent(query) || "(default: is:unresolved)"));
  }
  console.log(`\nslowest median: ${Math.max(...medians).toFixed(1)} ms`);

  // The busiest issue (short id 1 takes the most events) and one with the median count.
  const busiest = await db.issue.findFirstOrThrow({
    orderBy: { timesSeen: "desc" },
    select: { id: true, timesSeen: true },
  });
  const typical = await db.issue.findFirstOrThrow({
    where: { timesSeen: { gte: Math.round(EVENTS / ISSUES) } },
    orderBy: { timesSeen: "asc" },
    select: { id: true, timesSeen: true },
  });
  console.log(`\nGET /api/0/issues/{id}/events/ (one page), ${RUNS} runs each`);
  console.log("median ms  p95 ms  results  issue");
  for (const issue of [busiest, typical]) {
    await time(`${origin}/api/0/issues/${issue.id}/events/`, `${issue.timesSeen} events`);
    await time(`${origin}/api/0/issues/${issue.id}/events/latest/`, `${issue.timesSeen} events, latest event`);
  }

  // Retention as the worker runs it, with a retention that puts the oldest seeded day behind it.
  const started = performance.now();
  const result = await applyRetention(db, { retentionDays: 13, maxEventsPerIssue: 0, batchSize: 5000 });
  console.log(
    `\nretention: ${(performance.now() - started).toFixed(0)} ms, ${result.droppedPartitions} day partition(s), about ${result.expiredEvents} events`,
  );
  server.close();
  redis.disconnect();
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
