import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const ROOT = path.resolve(__dirname, "../..");
const CLI = path.join(ROOT, "server/dist/cli/main.js");

/** Runs the real, built command line (`npm run faultline -- ...`) against the test database. */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<string> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does)`);
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    timeout: 30_000,
  });
  return stdout;
}
