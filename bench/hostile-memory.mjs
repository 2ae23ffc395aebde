// npm run bench:memory — starts the built server (server/dist) against the local PostgreSQL and a
// private redis-server, then sends what used to grow its memory without bound: concurrent 1 MB
// gzip bombs to /envelope/ and /store/ (with ordinary events of another project among them), and
// an artifact-bundle assembly listing one 1 MiB chunk 200 times. The server's RSS is sampled
// from /proc every 10 ms; the script prints baseline and peak RSS and exits non-zero when the
// peak is over the stated bound, when an ordinary event was not answered 200, or when a hostile
// request got anything but a refusal. Loopback only; every request count is fixed.
//
//   BENCH_BOMBS=6                         concurrent bombs per endpoint (and rounds: BENCH_ROUNDS=3)
//   BENCH_BUDGET_MB=<unset>               passed as INGEST_DECOMPRESSION_BUDGET_MB when set
//   BENCH_BOUND_MB=<budget + 128>         allowed growth of RSS over the baseline
import { execFileSync, spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import pg from "pg";
import { freePort, sleep, waitUntil } from "./process-helpers.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BOMBS = Number(process.env.BENCH_BOMBS ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BUDGET_MB = process.env.BENCH_BUDGET_MB ? Number(process.env.BENCH_BUDGET_MB) : undefined;
/** The default budget (server/src/config.ts), for the bound when BENCH_BUDGET_MB is not set. */
const DEFAULT_BUDGET_MB = 128;
/** Growth allowed beyond the budget: zlib and socket buffers, V8 garbage not yet collected. */
const SLACK_MB = 128;
const BOUND_MB = Number(process.env.BENCH_BOUND_MB ?? (BUDGET_MB ?? DEFAULT_BUDGET_MB) + SLACK_MB);
const PG_BASE = (process.env.BENCH_PG_URL ?? "postgresql://root@127.0.0.1:5432").replace(/\/+$/, "");
const DATABASE = process.env.BENCH_DATABASE ?? "faultline_bench_memory";
const MiB = 1024 * 1024;

function rssMb(pid) {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  return kb / 1024;
}

/** Samples a process's RSS until stopped; `peak` is the largest sample. */
function rssSampler(pid) {
  const sampler = { peak: 0 };
  const timer = setInterval(() => {
    try {
      sampler.peak = Math.max(sampler.peak, rssMb(pid));
    } catch {
      // The process is gone; the caller notices.
    }
  }, 10);
  sampler.stop = () => clearInterval(timer);
  return sampler;
}

/**
 * A 1 MB gzip member: an envelope's first lines, then zeros (about 1 GB of them). Built once
 * by streaming, cached in the temp directory.
 */
async function gzipBomb() {
  const file = path.join(tmpdir(), "faultline-bench-gzip-bomb-1mb.gz");
  if (existsSync(file) && statSync(file).size > 900_000) return readFileSync(file);
  const gzip = zlib.createGzip({ level: 9 });
  const out = createWriteStream(file);
  gzip.pipe(out);
  gzip.write('{}\n{"type":"attachment","length":1073741824,"filename":"zeros.bin"}\n');
  const zeros = Buffer.alloc(MiB);
  let compressed = 0;
  gzip.on("data", (chunk) => (compressed += chunk.length));
  while (compressed < 1_000_000) {
    if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once("drain", resolve));
  }
  gzip.end();
  await new Promise((resolve) => out.once("finish", resolve));
  return readFileSync(file);
}

async function post(url, headers, body) {
  try {
    const res = await fetch(url, { method: "POST", headers, body });
    await res.arrayBuffer();
    return { status: res.status, retryAfter: res.headers.get("retry-after") };
  } catch (error) {
    return { status: 0, error: String(error.cause?.code ?? error.message) };
  }
}

function cli(env, args) {
  return execFileSync(process.execPath, [path.join(ROOT, "server/dist/cli/main.js"), ...args], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  }).toString();
}

/** A multipart body with one `file` part named by the data's SHA-1 (what sentry-cli uploads). */
function chunkUpload(data) {
  const sha1 = createHash("sha1").update(data).digest("hex");
  const boundary = "----faultline-bench";
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${sha1}"\r\n` +
        "Content-Type: application/octet-stream\r\n\r\n",
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { sha1, body, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function main() {
  if (!existsSync(path.join(ROOT, "server/dist/main.js")))
    throw new Error("server/dist is missing: run `npx tsc -b` first");
  const bomb = await gzipBomb();

  const redisPort = await freePort();
  const redis = spawn(
    "redis-server",
    ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  const admin = new pg.Client({ connectionString: `${PG_BASE}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.end();
  const artifactsDir = mkdtempSync(path.join(tmpdir(), "faultline-bench-artifacts-"));
  const env = {
    ...process.env,
    DATABASE_URL: `${PG_BASE}/${DATABASE}`,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    ARTIFACTS_DIR: artifactsDir,
    LOG_LEVEL: "warn",
    ...(BUDGET_MB !== undefined ? { INGEST_DECOMPRESSION_BUDGET_MB: String(BUDGET_MB) } : {}),
  };
  await waitUntil(async () => {
    execFileSync("redis-cli", ["-p", String(redisPort), "ping"], { stdio: "ignore" });
    return true;
  }, "redis-server");
  cli(env, ["migrate", "--json"]);
  const attacker = JSON.parse(cli(env, ["create-project", "--org", "bench", "--name", "Attacker", "--json"]));
  const victim = JSON.parse(cli(env, ["create-project", "--org", "other", "--name", "Victim", "--json"]));
  cli(env, ["create-user", "--email", "bench@example.com", "--password", "bench-password-1", "--superuser"]);
  const { token } = JSON.parse(
    cli(env, ["create-token", "--email", "bench@example.com", "--scopes", "read,write,admin", "--json"]),
  );

  const port = await freePort();
  const server = spawn(process.execPath, [path.join(ROOT, "server/dist/main.js")], {
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const failures = [];
  try {
    await waitUntil(async () => (await fetch(`${url}/_health/`)).ok, "the server");
    const auth = (project) => ({
      "x-sentry-auth": `Sentry sentry_key=${new URL(project.dsn).username}, sentry_version=7`,
    });
    const normalEvent = (i) =>
      post(
        `${url}/api/${victim.projectId}/envelope/`,
        { ...auth(victim), "content-encoding": "gzip" },
        zlib.gzipSync(`{}\n{"type":"event"}\n${JSON.stringify({ message: `ordinary event ${i}` })}\n`),
      );
    // Warm up (JIT, key cache, connections), then settle before the baseline.
    for (let i = 0; i < 20; i++) await normalEvent(i);
    await sleep(1000);
    const baselineMb = rssMb(server.pid);
    const sampler = rssSampler(server.pid);

    const bombAnswers = {};
    const normalAnswers = {};
    const count = (into, answer) => {
      const key = answer.status === 503 ? `503 (Retry-After ${answer.retryAfter})` : String(answer.status);
      into[key] = (into[key] ?? 0) + 1;
    };
    for (let round = 0; round < ROUNDS; round++) {
      const bombs = [];
      for (let i = 0; i < BOMBS; i++) {
        const headers = { ...auth(attacker), "content-encoding": "gzip" };
        bombs.push(post(`${url}/api/${attacker.projectId}/envelope/`, headers, bomb));
        bombs.push(post(`${url}/api/${attacker.projectId}/store/`, headers, bomb));
      }
      const normals = [];
      for (let i = 0; i < 5; i++) {
        await sleep(20);
        normals.push(normalEvent(round * 100 + i));
      }
      for (const answer of await Promise.all(bombs)) count(bombAnswers, answer);
      for (const answer of await Promise.all(normals)) count(normalAnswers, answer);
    }
    const bombsPeakMb = sampler.peak;

    // Chunk assembly: one 1 MiB chunk stored once, then listed 200 times.
    const api = { authorization: `Bearer ${token}` };
    const chunk = chunkUpload(randomBytes(MiB));
    const uploaded = await post(
      `${url}/api/0/organizations/bench/chunk-upload/`,
      { ...api, "content-type": chunk.contentType },
      chunk.body,
    );
    if (uploaded.status !== 200) failures.push(`chunk upload answered ${uploaded.status}`);
    const assembleSampler = rssSampler(server.pid);
    const assembleBaselineMb = rssMb(server.pid);
    const assembled = await fetch(`${url}/api/0/organizations/bench/artifactbundle/assemble/`, {
      method: "POST",
      headers: { ...api, "content-type": "application/json" },
      body: JSON.stringify({ checksum: "a".repeat(40), chunks: Array(200).fill(chunk.sha1), projects: ["attacker"] }),
    });
    const assembleAnswer = { status: assembled.status, body: await assembled.text() };
    await sleep(200);
    assembleSampler.stop();
    sampler.stop();

    const peakMb = sampler.peak;
    const report = {
      budgetMb: BUDGET_MB ?? `default (${DEFAULT_BUDGET_MB} assumed for the bound)`,
      bombsPerEndpointPerRound: BOMBS,
      rounds: ROUNDS,
      baselineRssMb: Math.round(baselineMb),
      peakRssDuringBombsMb: Math.round(bombsPeakMb),
      rssBeforeAssemblyMb: Math.round(assembleBaselineMb),
      peakRssDuringAssemblyMb: Math.round(assembleSampler.peak),
      peakRssMb: Math.round(peakMb),
      growthMb: Math.round(peakMb - baselineMb),
      boundMb: BOUND_MB,
      bombAnswers,
      ordinaryEventAnswers: normalAnswers,
      assemble: { status: assembleAnswer.status, body: assembleAnswer.body.slice(0, 200) },
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (peakMb - baselineMb > BOUND_MB)
      failures.push(`RSS grew ${Math.round(peakMb - baselineMb)} MB over the baseline; the bound is ${BOUND_MB} MB`);
    if (Object.keys(normalAnswers).some((status) => status !== "200"))
      failures.push(`ordinary events were answered ${JSON.stringify(normalAnswers)}`);
    const refused = (status) => status === "413" || status.startsWith("503");
    if (Object.keys(bombAnswers).some((status) => !refused(status)))
      failures.push(`bombs were answered ${JSON.stringify(bombAnswers)}`);
    if (assembleAnswer.status !== 413 && assembleAnswer.status !== 400)
      failures.push(`the duplicate-chunk assembly was answered ${assembleAnswer.status}`);
  } finally {
    server.kill("SIGTERM");
    redis.kill();
    rmSync(artifactsDir, { recursive: true, force: true });
  }
  for (const failure of failures) process.stderr.write(`FAIL: ${failure}\n`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  },
);
