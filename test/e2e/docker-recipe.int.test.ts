/**
 * No Docker engine runs here, so the image's recipe is exercised directly: the build stage's RUN
 * steps run in a fresh copy of the repository (clean install, build, production-only prune),
 * then the final stage's COPY lines are replayed into an empty directory, so the processes see
 * exactly the files the image holds (a dependency left behind in the build stage fails them as
 * it would in the image). From there the entrypoint migrates a fresh database and starts the
 * server and the worker, and the image's HEALTHCHECK must pass for each. The compose file is
 * validated with docker-compose.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { databaseUrl, redisUrl } from "../support/databases";
import { waitFor } from "../support/harness";

const ROOT = path.resolve(__dirname, "../..");
const DOCKERFILE = readFileSync(path.join(ROOT, "docker/Dockerfile"), "utf8");
let workdir: string;
/** The final image's file system: WORKDIR (/app) is its root, other paths go under `_root/`. */
let imageRoot: string;

beforeAll(() => {
  workdir = mkdtempSync(path.join(tmpdir(), "faultline-image-"));
  imageRoot = mkdtempSync(path.join(tmpdir(), "faultline-image-final-"));
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
  rmSync(imageRoot, { recursive: true, force: true });
});

/** RUN lines of the build stage (everything before the second FROM). */
function buildSteps(): string[] {
  const buildStage = DOCKERFILE.split(/^FROM /m)[1] ?? "";
  return buildStage
    .split("\n")
    .filter((line) => line.startsWith("RUN "))
    .map((line) => line.slice(4));
}

/** Lines of the final stage (after the last FROM). */
function finalStage(): string[] {
  return (DOCKERFILE.split(/^FROM /m).at(-1) ?? "").split("\n");
}

const IMAGE_WORKDIR = "/app";

/** Where a path of the image lives in `imageRoot`. */
function inImage(imagePath: string): string {
  const absolute = path.posix.resolve(IMAGE_WORKDIR, imagePath);
  if (absolute === IMAGE_WORKDIR || absolute.startsWith(`${IMAGE_WORKDIR}/`))
    return path.join(imageRoot, path.posix.relative(IMAGE_WORKDIR, absolute));
  return path.join(imageRoot, "_root", absolute);
}

/**
 * Replays the final stage's COPY lines: `--from=build` sources come from the build tree
 * (its /app is `workdir`), the others from the build context. Hard links keep it quick.
 */
function assembleFinalImage(): void {
  expect(
    finalStage()
      .find((line) => line.startsWith("WORKDIR "))
      ?.trim(),
  ).toBe(`WORKDIR ${IMAGE_WORKDIR}`);
  const copies = finalStage().filter((line) => line.startsWith("COPY "));
  expect(copies.length).toBeGreaterThan(0);
  for (const line of copies) {
    const words = line.trim().split(/\s+/).slice(1);
    const fromBuild = words.some((word) => word === "--from=build");
    const paths = words.filter((word) => !word.startsWith("--"));
    const destination = paths.pop();
    if (!destination || paths.length === 0) throw new Error(`cannot read ${line}`);
    const intoFolder = destination.endsWith("/") || paths.length > 1;
    for (const source of paths) {
      const from = fromBuild ? path.join(workdir, path.posix.relative("/app", source)) : path.join(workdir, source);
      // Docker fails the build when a COPY source is missing; so does this.
      if (!existsSync(from)) throw new Error(`${line}: ${source} does not exist in the build stage`);
      const to = intoFolder ? path.join(inImage(destination), path.basename(source)) : inImage(destination);
      mkdirSync(path.dirname(to), { recursive: true });
      execFileSync("cp", ["-al", from, to]);
    }
  }
}

/** The HEALTHCHECK's exec-form command, with its image paths mapped into `imageRoot`. */
function healthcheckCommand(): string[] {
  const match = /HEALTHCHECK[^\n]*\\\n\s*CMD (\[.+\])/.exec(DOCKERFILE);
  if (!match?.[1]) throw new Error("Dockerfile has no exec-form HEALTHCHECK CMD");
  const command = JSON.parse(match[1]) as string[];
  return command.map((arg) => (arg.startsWith("/") ? inImage(arg) : arg));
}

function entrypoint(): string {
  const match = /^ENTRYPOINT \["([^"]+)"\]/m.exec(DOCKERFILE);
  if (!match?.[1]) throw new Error("Dockerfile has no exec-form ENTRYPOINT");
  return inImage(path.posix.join("/usr/local/bin", match[1]));
}

function healthcheckPasses(env: NodeJS.ProcessEnv): boolean {
  const [command = "", ...args] = healthcheckCommand();
  try {
    execFileSync(command, args, { cwd: imageRoot, env, stdio: "ignore", timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

/** One service's lines of `docker-compose config` output (services are indented by two). */
function serviceBlock(config: string, name: string): string {
  const lines = config.split("\n");
  const start = lines.indexOf(`  ${name}:`);
  if (start < 0) throw new Error(`compose has no service ${name}`);
  const end = lines.findIndex((line, index) => index > start && /^ {0,2}\S/.test(line));
  return lines.slice(start, end < 0 ? undefined : end).join("\n");
}

/** The documented Docker quick start: one line that writes .env when missing, then runs compose. */
function quickStart(): { writeEnv: string; compose: string[] } {
  const readme = readFileSync(path.join(ROOT, "docs/operations.md"), "utf8");
  const line = readme.split("\n").find((l) => l.startsWith("[ -f .env ] ||"));
  const [writeEnv, compose] = line?.split("; docker compose ") ?? [];
  if (!writeEnv || !compose) throw new Error("docs/operations.md has no one-line Docker quick start");
  return { writeEnv, compose: compose.split(" ") };
}

it("docs/settings.md lists every setting of .env.example", () => {
  const readme = readFileSync(path.join(ROOT, "docs/settings.md"), "utf8");
  const names = readFileSync(path.join(ROOT, ".env.example"), "utf8").match(/^[A-Z][A-Z0-9_]*(?==)/gm) ?? [];
  expect(names).toContain("POSTGRES_PASSWORD");
  expect(names.filter((name) => !readme.includes(`| \`${name}\` |`))).toEqual([]);
});

it("the Docker quick start writes a .env the compose file validates with (docker-compose)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "faultline-compose-"));
  try {
    mkdirSync(path.join(dir, "docker"));
    copyFileSync(path.join(ROOT, "docker/compose.yml"), path.join(dir, "docker/compose.yml"));
    copyFileSync(path.join(ROOT, ".env.example"), path.join(dir, ".env.example"));
    const { writeEnv, compose } = quickStart();
    execFileSync("sh", ["-c", writeEnv], { cwd: dir });
    const env = readFileSync(path.join(dir, ".env"), "utf8");
    expect(env).toMatch(/^POSTGRES_PASSWORD=[0-9a-f]{32,}$/m);
    // Run again, it keeps the .env (and its password) as it is.
    execFileSync("sh", ["-c", writeEnv], { cwd: dir });
    expect(readFileSync(path.join(dir, ".env"), "utf8")).toBe(env);
    // The same options, before `config` for docker-compose v1; `up -d` is what it would run.
    expect(compose.slice(-2)).toEqual(["up", "-d"]);
    const config = execFileSync("docker-compose", [...compose.slice(0, -2), "config"], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(config).toContain("condition: service_healthy");
    expect(config).toContain("noeviction");
    expect(config).toMatch(/pgdata:/);
    // The HEALTHCHECK cannot see the entrypoint's arguments: the role must be in the environment.
    expect(serviceBlock(config, "server")).toMatch(/^\s+FAULTLINE_ROLE: server$/m);
    expect(serviceBlock(config, "worker")).toMatch(/^\s+FAULTLINE_ROLE: worker$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it("the Dockerfile's steps install, build and migrate; server and worker start from the final image and pass the health check", async () => {
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
  assembleFinalImage();

  const database = `${process.env.TEST_DB_PREFIX ?? "faultline_test"}_image`;
  const admin = new Client({ connectionString: databaseUrl("postgres") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();

  const slot = Number(process.env.JEST_WORKER_ID ?? 1) + Number(process.env.TEST_REDIS_DB_BASE ?? 0) * 10;
  const port = String(19_000 + slot);
  const workerHealthPort = String(19_500 + slot);
  // NODE_PATH could lead Node to modules outside the image.
  const { NODE_PATH: _nodePath, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl(database),
    REDIS_URL: redisUrl(process.env.JEST_WORKER_ID ?? "1"),
    PORT: port,
    WORKER_HEALTH_PORT: workerHealthPort,
    LOG_LEVEL: "warn",
  };
  const children: ChildProcess[] = [];
  const start = (role: string, roleEnv: NodeJS.ProcessEnv) => {
    const child = spawn("sh", [entrypoint(), role], { cwd: imageRoot, env: roleEnv, stdio: "ignore" });
    children.push(child);
    return child;
  };
  try {
    const serverEnv = { ...env, FAULTLINE_ROLE: "server" };
    start("server", serverEnv);
    await waitFor(async () => healthcheckPasses(serverEnv), 120_000, "the server's HEALTHCHECK to pass");
    const ready = await fetch(`http://127.0.0.1:${port}/_health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { migrations: "ok" } });

    // As compose runs it: FAULTLINE_ROLE=worker points the check at WORKER_HEALTH_PORT.
    const workerEnv = { ...env, FAULTLINE_ROLE: "worker" };
    const worker = start("worker", workerEnv);
    let exited: number | null = null;
    worker.once("exit", (code) => (exited = code ?? -1));
    await waitFor(
      async () => {
        if (exited !== null) throw new Error(`the worker exited with code ${exited}`);
        return healthcheckPasses(workerEnv);
      },
      120_000,
      "the worker's HEALTHCHECK to pass",
    );
    const workerReady = await fetch(`http://127.0.0.1:${workerHealthPort}/_health/ready`);
    expect(workerReady.status).toBe(200);
    const metrics = await fetch(`http://127.0.0.1:${workerHealthPort}/metrics`);
    expect(metrics.status).toBe(200);
    // A worker started without the role (`docker run faultline worker`) still passes.
    const { FAULTLINE_ROLE: _role, ...noRole } = workerEnv;
    expect(healthcheckPasses(noRole)).toBe(true);
  } finally {
    for (const child of children) child.kill("SIGTERM");
  }
}, 900_000);
