import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const ROOT = path.resolve(__dirname, "../..");
// The binary of the optional dependency @sentry/cli-linux-x64: no install script downloads it.
const BINARY = path.join(ROOT, "node_modules/@sentry/cli-linux-x64/bin/sentry-cli");

export interface SentryCliTarget {
  url: string;
  token: string;
  org: string;
  project: string;
}

/** Runs the real `sentry-cli` pointed at a Faultline server, as a user would configure it. */
export async function sentryCli(target: SentryCliTarget, args: string[], cwd = ROOT): Promise<string> {
  if (!existsSync(BINARY)) throw new Error(`${BINARY} is missing: npm ci installs @sentry/cli's binary package`);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    SENTRY_URL: target.url,
    SENTRY_AUTH_TOKEN: target.token,
    SENTRY_ORG: target.org,
    SENTRY_PROJECT: target.project,
    SENTRY_DISABLE_UPDATE_CHECK: "true",
    SENTRY_LOAD_DOTENV: "0",
  };
  try {
    const { stdout } = await promisify(execFile)(BINARY, args, { cwd, env, timeout: 60_000 });
    return stdout;
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `sentry-cli ${args.join(" ")} failed: ${failure.message}\n${failure.stdout ?? ""}\n${failure.stderr ?? ""}`,
    );
  }
}
