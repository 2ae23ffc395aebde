/**
 * What the built processes say at start: where the dashboard is (and, on a new install, that the
 * first visit creates the admin account), no info lines for dashboard files, and a port that is
 * taken named by its setting with a clean EX_CONFIG exit — server, worker and `npm start`.
 */
import { createUsersRepo, type Database } from "@faultline/db";
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync } from "node:fs";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { childPorts } from "../support/child-processes";
import { openDatabase, resetState, testUrls, waitFor } from "../support/harness";

const ROOT = path.resolve(__dirname, "../..");
const EX_CONFIG = 78;

let db: Database;
const children: ChildProcess[] = [];
const blockers: Server[] = [];

interface Started {
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  exited: Promise<number | null>;
}

function launch(script: string, env: Record<string, string>): Started {
  const { databaseUrl, redisUrl } = testUrls();
  const child = spawn(process.execPath, [path.join(ROOT, script)], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function stop(started: Started): Promise<void> {
  if (started.child.exitCode !== null || started.child.signalCode !== null) return;
  started.child.kill("SIGTERM");
  await started.exited;
}

/** The JSON log lines it wrote (the plain lines, such as a start-up failure, left out). */
function logLines(output: string): { level: number; msg: string; req?: { path?: string } }[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { level: number; msg: string; req?: { path?: string } });
}

/** A port some other process holds. */
async function occupy(port: number): Promise<void> {
  const blocker = createServer();
  blockers.push(blocker);
  await new Promise<void>((resolve) => blocker.listen(port, resolve));
}

beforeAll(() => {
  db = openDatabase();
});
beforeEach(async () => {
  await resetState(db);
});
afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await Promise.all(blockers.splice(0).map((blocker) => new Promise((resolve) => blocker.close(resolve))));
});
afterAll(async () => {
  await db.$disconnect();
});

describe("the start-up message", () => {
  const FIRST_VISIT = "the first visit creates the admin account";

  it("names the dashboard's address once, and the first visit while no account exists", async () => {
    const [port = 0] = childPorts(1);
    const publicUrl = "http://errors.example.test:8000";
    const server = launch("server/dist/main.js", { PORT: String(port), PUBLIC_URL: publicUrl });
    await waitFor(async () => server.output().includes(`Dashboard: ${publicUrl}`), 30_000, "the dashboard line");
    await stop(server);
    const said = logLines(server.output()).filter((line) => line.msg.startsWith("Dashboard:"));
    expect(said.map((line) => line.msg)).toEqual([`Dashboard: ${publicUrl} — ${FIRST_VISIT}`]);
  });

  it("leaves the first visit out once an account exists", async () => {
    await createUsersRepo(db).createUser({ email: "admin@example.com", passwordHash: "x", isSuperuser: true });
    const [port = 0] = childPorts(1);
    const server = launch("server/dist/main.js", { PORT: String(port), PUBLIC_URL: "http://localhost:8000" });
    await waitFor(async () => server.output().includes("Dashboard: "), 30_000, "the dashboard line");
    await stop(server);
    const said = logLines(server.output()).filter((line) => line.msg.startsWith("Dashboard:"));
    expect(said.map((line) => line.msg)).toEqual(["Dashboard: http://localhost:8000"]);
    expect(server.output()).not.toContain(FIRST_VISIT);
  });
});

it("logs requests for dashboard files at debug, the web API's at info", async () => {
  const [port = 0] = childPorts(1);
  const server = launch("server/dist/main.js", { PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/_health/`).catch(() => undefined))?.status === 200, 30_000);
  const asset = readdirSync(path.join(ROOT, "web/dist/assets")).find((name) => name.endsWith(".js"));
  expect((await fetch(`${url}/assets/${asset}`)).status).toBe(200);
  expect((await fetch(`${url}/issues/`)).status).toBe(200); // the app shell
  expect((await fetch(`${url}/api/0/`)).status).toBeLessThan(500);
  await waitFor(async () => logLines(server.output()).some((line) => line.req?.path === "/api/0/"), 10_000);
  await stop(server);
  const paths = logLines(server.output()).flatMap((line) => (line.req?.path ? [line.req.path] : []));
  expect(paths).toContain("/api/0/");
  expect(paths).not.toContain(`/assets/${asset}`);
  expect(paths).not.toContain("/issues/");
});

describe("a port already in use", () => {
  const inUse = (setting: string, port: number) =>
    `${setting}=${port} is already in use by another process; set ${setting} to a free port`;

  it("stops the server, naming PORT", async () => {
    const [port = 0] = childPorts(1);
    await occupy(port);
    const server = launch("server/dist/main.js", { PORT: String(port) });
    expect(await server.exited).toBe(EX_CONFIG);
    expect(server.output()).toContain(`server cannot start: ${inUse("PORT", port)}`);
  });

  it("stops the worker before it takes a job, naming WORKER_HEALTH_PORT", async () => {
    const [healthPort = 0] = childPorts(1);
    await occupy(healthPort);
    const worker = launch("worker/dist/main.js", { WORKER_HEALTH_PORT: String(healthPort) });
    expect(await worker.exited).toBe(EX_CONFIG);
    expect(worker.output()).toContain(`worker cannot start: ${inUse("WORKER_HEALTH_PORT", healthPort)}`);
    expect(logLines(worker.output()).map((line) => line.msg)).not.toContain("worker started");
  });

  it("stops npm start when its worker's WORKER_HEALTH_PORT is taken, instead of restarting the worker", async () => {
    const [port = 0, healthPort = 0] = childPorts(2);
    await occupy(healthPort);
    const faultline = launch("server/dist/all-in-one.js", {
      PORT: String(port),
      WORKER_HEALTH_PORT: String(healthPort),
    });
    expect(await faultline.exited).toBe(EX_CONFIG);
    expect(faultline.output()).toContain(inUse("WORKER_HEALTH_PORT", healthPort));
    expect(logLines(faultline.output()).map((line) => line.msg)).not.toContain(
      "worker process died; starting it again",
    );
  });

  it("stops npm start when PORT is taken, its worker with it", async () => {
    const [port = 0, healthPort = 0] = childPorts(2);
    await occupy(port);
    const faultline = launch("server/dist/all-in-one.js", {
      PORT: String(port),
      WORKER_HEALTH_PORT: String(healthPort),
    });
    expect(await faultline.exited).toBe(EX_CONFIG);
    expect(faultline.output()).toContain(`faultline cannot start: ${inUse("PORT", port)}`);
    // The worker process is gone too: its health port can be opened again.
    await waitFor(async () => {
      const probe = createServer();
      const opened = await new Promise<boolean>((resolve) => {
        probe.once("error", () => resolve(false));
        probe.listen(healthPort, () => resolve(true));
      });
      if (opened) await new Promise((resolve) => probe.close(resolve));
      return opened;
    }, 15_000);
  });
});
