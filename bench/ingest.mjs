// npm run bench:ingest — drives the real server (PostgreSQL + a private redis-server) over
// loopback with a realistic request mix, then two references with the same mix and the same load
// generator: a minimal durable ingest (reads, parses each item, one pipelined Redis write per
// event-loop turn; durable-server.mjs) and a bare Node http server that answers 200. Prints
// events/s, latency percentiles, peak RSS, CPU per request and Faultline's ratio to each.
import { execFileSync, fork, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import { requestMix } from "./payloads.mjs";
import { freePort, sleep, waitUntil } from "./process-helpers.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const PG_BASE = (process.env.BENCH_PG_URL ?? "postgresql://root@127.0.0.1:5432").replace(/\/+$/, "");
const DATABASE = process.env.BENCH_DATABASE ?? "faultline_bench";

function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Runs autocannon and keeps every response time, for p50/p95/p99 (autocannon itself has no p95). */
function measure(url, requests, duration) {
  return new Promise((resolve, reject) => {
    const times = [];
    const instance = autocannon({ url, connections: CONNECTIONS, duration, requests }, (error, result) =>
      error ? reject(error) : resolve({ result, times }),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
}

function percentile(sorted, p) {
  return Number((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(2));
}

/** CPU seconds (user + system) a process has used: steadier than rates when the host is busy. */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function run(url, requests, pid) {
  // Warm up (JIT, connections, key cache), then measure.
  await measure(url, requests, 2);
  const cpuBefore = cpuSeconds(pid);
  const { result, times } = await measure(url, requests, SECONDS);
  result.cpuMsPerRequest = Number((((cpuSeconds(pid) - cpuBefore) * 1000) / (result["2xx"] || 1)).toFixed(3));
  times.sort((a, b) => a - b);
  return { ...result, p: { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) } };
}

async function main() {
  const cli = path.join(ROOT, "server/dist/cli/main.js");
  const serverMain = path.join(ROOT, "server/dist/main.js");
  try {
    readFileSync(serverMain);
  } catch {
    throw new Error("server/dist is missing: run `npm run build` first");
  }

  const redisPort = await freePort();
  const redis = spawn(
    "redis-server",
    ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: "ignore",
    },
  );
  const admin = new pg.Client({ connectionString: `${PG_BASE}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.end();
  const env = {
    ...process.env,
    DATABASE_URL: `${PG_BASE}/${DATABASE}`,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    LOG_LEVEL: "warn",
  };
  execFileSync(process.execPath, [cli, "migrate", "--json"], { env, stdio: ["ignore", "ignore", "inherit"] });
  const project = JSON.parse(
    execFileSync(process.execPath, [cli, "create-project", "--org", "bench", "--name", "Bench", "--json"], {
      env,
    }).toString(),
  );
  const publicKey = new URL(project.dsn).username;
  const requests = requestMix(ROOT, project.projectId, publicKey);

  const port = await freePort();
  // BENCH_PROFILE_DIR=dir writes the server's CPU profile there (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE_DIR
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  // BENCH_SERVER_FLAGS="--max-semi-space-size=8": Node or V8 flags for the server process.
  const flags = (process.env.BENCH_SERVER_FLAGS ?? "").split(" ").filter(Boolean);
  const server = spawn(process.execPath, [...profile, ...flags, serverMain], {
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(async () => (await fetch(`${url}/_health/`)).ok, "the server");
  const faultline = await run(url, requests, server.pid);
  const rss = peakRssMb(server.pid);
  server.kill("SIGTERM");

  const durablePort = await freePort();
  const durableServer = fork(
    path.join(ROOT, "bench/durable-server.mjs"),
    [String(durablePort), `redis://127.0.0.1:${redisPort}/1`],
    { stdio: ["ignore", "ignore", "inherit", "ipc"] },
  );
  await new Promise((resolve) => durableServer.once("message", resolve));
  const durable = await run(`http://127.0.0.1:${durablePort}`, requests, durableServer.pid);
  const durableRss = peakRssMb(durableServer.pid);
  durableServer.kill();

  const barePort = await freePort();
  const bare = fork(path.join(ROOT, "bench/bare-server.mjs"), [String(barePort)], { stdio: "ignore" });
  await new Promise((resolve) => bare.once("message", resolve));
  const baseline = await run(`http://127.0.0.1:${barePort}`, requests, bare.pid);
  bare.kill();
  redis.kill();

  const accepted = faultline["2xx"] / SECONDS;
  const durableRate = durable["2xx"] / SECONDS;
  const bareRate = baseline["2xx"] / SECONDS;
  const report = {
    seconds: SECONDS,
    connections: CONNECTIONS,
    acceptedEventsPerSecond: Math.round(accepted),
    non2xx: faultline.non2xx,
    errors: faultline.errors + faultline.timeouts,
    latencyMs: faultline.p,
    serverPeakRssMb: Math.round(rss),
    serverCpuMsPerRequest: faultline.cpuMsPerRequest,
    durableIngestEventsPerSecond: Math.round(durableRate),
    durableNon2xx: durable.non2xx,
    durableLatencyMs: durable.p,
    durablePeakRssMb: Math.round(durableRss),
    durableCpuMsPerRequest: durable.cpuMsPerRequest,
    bareNodeRequestsPerSecond: Math.round(bareRate),
    bareLatencyMs: baseline.p,
    bareCpuMsPerRequest: baseline.cpuMsPerRequest,
    // The target: Faultline's rate over the minimal durable ingest's (the bare ratio is for information).
    ratioToDurableIngest: Number((accepted / durableRate).toFixed(2)),
    ratioToBareNode: Number((accepted / bareRate).toFixed(2)),
    // The same comparison in CPU per request: steadier than rates when other work shares the cores.
    cpuRatioToDurableIngest: Number((durable.cpuMsPerRequest / faultline.cpuMsPerRequest).toFixed(2)),
    loadAverage: readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" "),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  },
);
