/**
 * No Docker engine runs here, so the image's recipe is exercised directly: the build stage's RUN
 * steps run in a fresh copy of the repository (clean install, build, production-only prune),
 * then the entrypoint migrates a fresh database and starts the server, and the image's
 * HEALTHCHECK command must pass. The compose file is validated with docker-compose.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { databaseUrl, redisUrl } from "../support/databases";
import { waitFor } from "../support/harness";

const ROOT = path.resolve(__dirname, "../..");
const DOCKERFILE = readFileSync(path.join(ROOT, "docker/Dockerfile"), "utf8");
let workdir: string;

beforeAll(() => {
  workdir = mkdtempSync(path.join(tmpdir(), "faultline-image-"));
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
    cwd: ROOT,
    encoding: "utf8",
  })
    .split("\n")
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(path.dirname(path.join(workdir, file)), { recursive: true });
    try {
      copyFileSync(path.join(ROOT, file), path.join(workdir, file));
    } catch {
      // Deleted in the working tree but still in the index.
    }
  }
});
afterAll(() => {
  rmSync(workdir, { recursive: true, force: true });
});

/** RUN lines of the build stage (everything before the second FROM). */
function buildSteps(): string[] {
  const buildStage = DOCKERFILE.split(/^FROM /m)[1] ?? "";
  return buildStage
    .split("\n")
    .filter((line) => line.startsWith("RUN "))
    .map((line) => line.slice(4));
}

function healthcheckCommand(): string {
  const match = /HEALTHCHECK[^\n]*\\\n\s*CMD (.+)/.exec(DOCKERFILE);
  if (!match?.[1]) throw new Error("Dockerfile has no HEALTHCHECK CMD");
  return match[1];
}

it("the compose file validates with docker-compose", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "faultline-compose-"));
  try {
    mkdirSync(path.join(dir, "docker"));
    copyFileSync(path.join(ROOT, "docker/compose.yml"), path.join(dir, "docker/compose.yml"));
    writeFileSync(
      path.join(dir, ".env"),
      `${readFileSync(path.join(ROOT, ".env.example"), "utf8")}\nPOSTGRES_PASSWORD=compose-check\n`,
    );
    const config = execFileSync("docker-compose", ["-f", "docker/compose.yml", "--env-file", ".env", "config"], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(config).toContain("condition: service_healthy");
    expect(config).toContain("noeviction");
    expect(config).toMatch(/pgdata:/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it("the Dockerfile's steps install, build, migrate, start and pass the health check", async () => {
  const steps = buildSteps();
  expect(steps).toEqual(expect.arrayContaining([expect.stringMatching(/^npm ci/), "npm run build"]));
  for (const step of steps) {
    execFileSync("sh", ["-c", step], {
      cwd: workdir,
      stdio: "pipe",
      timeout: 600_000,
      env: { ...process.env, npm_config_loglevel: "error" },
    });
  }

  const database = `${process.env.TEST_DB_PREFIX ?? "faultline_test"}_image`;
  const admin = new Client({ connectionString: databaseUrl("postgres") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();

  const port = String(
    19_000 + Number(process.env.JEST_WORKER_ID ?? 1) + Number(process.env.TEST_REDIS_DB_BASE ?? 0) * 10,
  );
  const env = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl(database),
    REDIS_URL: redisUrl(process.env.JEST_WORKER_ID ?? "1"),
    PORT: port,
    LOG_LEVEL: "warn",
  };
  const server: ChildProcess = spawn("sh", ["docker/entrypoint.sh", "server"], { cwd: workdir, env, stdio: "ignore" });
  try {
    await waitFor(
      async () => {
        try {
          execFileSync("sh", ["-c", healthcheckCommand()], { cwd: workdir, env, stdio: "ignore", timeout: 5000 });
          return true;
        } catch {
          return false;
        }
      },
      120_000,
      "the image's HEALTHCHECK to pass",
    );
    const ready = await fetch(`http://127.0.0.1:${port}/_health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { migrations: "ok" } });
  } finally {
    server.kill("SIGTERM");
  }
}, 900_000);
