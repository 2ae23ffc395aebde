import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { testUrls, waitFor } from "./harness";

const ROOT = path.resolve(__dirname, "../..");

/** Ports for child processes: 18900-18999, apart per checkout (TEST_REDIS_DB_BASE) and jest worker. */
export function childPorts(count: number): number[] {
  const slot = (Number(process.env.TEST_REDIS_DB_BASE ?? 0) + Number(process.env.JEST_WORKER_ID ?? 1)) % 20;
  return Array.from({ length: count }, (_, index) => 18_900 + slot * 5 + index);
}

export interface ChildService {
  name: string;
  pid: number | undefined;
  url: string;
  /** Sends SIGTERM (SIGKILL after 10 s) and waits for the exit. */
  stop(): Promise<void>;
  /** The exit code once the process has exited (null: killed by a signal or still running). */
  exitCode(): number | null;
  /** Sends a signal without waiting. */
  signal(name: NodeJS.Signals): void;
  /** The last few thousand characters it wrote to stdout and stderr (its logs). */
  output(): string;
}

/**
 * Starts a built entry point (`server/dist/main.js`, `worker/dist/main.js`) as its own process
 * on this test worker's database and Redis, and waits for its /_health/ready.
 */
export async function startChild(
  name: string,
  script: string,
  port: number,
  env: Record<string, string>,
): Promise<ChildService> {
  const entry = path.join(ROOT, script);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first (npm test does)`);
  const { databaseUrl, redisUrl } = testUrls();
  let output = "";
  const child: ChildProcess = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Kept for the failure message only; these processes log no payloads.
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${output}`);
        const res = await fetch(`${url}/_health/ready`).catch(() => undefined);
        return res?.status === 200;
      },
      30_000,
      `${name} to be ready`,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    name,
    pid: child.pid,
    url,
    stop,
    exitCode: () => child.exitCode,
    output: () => output,
    signal: (signal) => {
      child.kill(signal);
    },
  };
}
