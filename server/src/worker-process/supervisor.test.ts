import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLogger } from "@faultline/runtime";
import { superviseWorker, type WorkerSupervisor } from "./supervisor";

const log = createLogger("silent", "test");
const backoff = { initialMs: 50, maxMs: 200, healthyAfterMs: 60_000 };
let dir: string;
let supervisor: WorkerSupervisor | undefined;

/** Stand-in worker scripts: the supervisor only sees a process, its messages and its exit. */
const SCRIPTS = {
  crashes: "process.exit(3);",
  misconfigured: "process.exit(78);",
  graceful: `process.on("SIGTERM", () => setTimeout(() => process.exit(0), 50));
process.send({ type: "faultline:worker-ready" });
setInterval(() => undefined, 1000);`,
  stubborn: `process.on("SIGTERM", () => undefined);
process.send({ type: "faultline:worker-ready" });
setInterval(() => undefined, 1000);`,
};

function start(
  script: keyof typeof SCRIPTS,
  stopTimeoutMs = 5000,
  onSettingsFailure?: (code: number) => void,
): WorkerSupervisor {
  const file = path.join(dir, `${script}.js`);
  writeFileSync(file, SCRIPTS[script]);
  supervisor = superviseWorker({
    script: file,
    env: process.env,
    log,
    stopTimeoutMs,
    backoff,
    ...(onSettingsFailure ? { onSettingsFailure } : {}),
  });
  return supervisor;
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "supervisor-"));
});
afterEach(async () => {
  await supervisor?.stop();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("superviseWorker", () => {
  it("starts a worker that keeps dying again and again, ever more slowly", async () => {
    const worker = start("crashes");
    await until(() => worker.status().restarts >= 3, "three restarts");
    expect(worker.status().lastExit).toMatchObject({ code: 3, signal: null });
    // 50 + 100 + 200 + 200 ms between tries: not a spin.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(worker.status().restarts).toBeLessThanOrEqual(6);
  });

  it("does not start again a worker its settings stop (EX_CONFIG), and says so", async () => {
    const failures: number[] = [];
    const worker = start("misconfigured", 5000, (code) => failures.push(code));
    await until(() => failures.length > 0, "the settings failure");
    // Long enough for a restart after the 50 ms backoff, had one been scheduled.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(failures).toEqual([78]);
    expect(worker.status()).toMatchObject({ state: "stopped", restarts: 0, lastExit: { code: 78 } });
  });

  it("never starts the worker again once stopped, even while a restart was pending", async () => {
    const worker = start("crashes");
    await until(() => worker.status().state === "restarting", "a pending restart");
    await worker.stop();
    const { restarts } = worker.status();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(worker.status()).toMatchObject({ state: "stopped", pid: null, restarts });
  });

  it("reports a worker running once it says so, and lets it finish on stop", async () => {
    const worker = start("graceful");
    await until(() => worker.status().state === "running", "the worker to run");
    expect(worker.status().pid).toEqual(expect.any(Number));
    await worker.stop();
    expect(worker.status()).toMatchObject({ state: "stopped", restarts: 0, lastExit: { code: 0, signal: null } });
  });

  it("kills a worker that does not stop within the timeout", async () => {
    const worker = start("stubborn", 200);
    await until(() => worker.status().state === "running", "the worker to run");
    await worker.stop();
    expect(worker.status().lastExit).toMatchObject({ code: null, signal: "SIGKILL" });
  });

  it("has no metrics to give for a worker that is not running", async () => {
    const worker = start("crashes");
    expect(await worker.requestMetrics(100)).toBeUndefined();
  });
});
