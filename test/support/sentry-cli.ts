import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

/**
 * The binaries of the optional dependencies @sentry/cli-linux-x64 (no install script downloads
 * them): 3.x from @sentry/cli, 2.x from the `sentry-cli-2` alias (`npm:@sentry/cli@2`), whose
 * own platform package npm nests under it.
 */
function binaryOf(major: 2 | 3): string {
  const from = major === 3 ? ROOT : path.join(ROOT, "node_modules/sentry-cli-2");
  const binary = require.resolve("@sentry/cli-linux-x64/bin/sentry-cli", { paths: [from] });
  if (!existsSync(binary)) throw new Error(`${binary} is missing: npm ci installs @sentry/cli's binary package`);
  return binary;
}

export interface SentryCliTarget {
  url: string;
  token: string;
  org: string;
  /** "" leaves SENTRY_PROJECT unset. */
  project: string;
}

export interface SentryCliOptions {
  /** Which sentry-cli major runs: 3 (default) or 2. */
  major?: 2 | 3;
  cwd?: string;
  /** SENTRY_DSN: where commands that send envelopes (`monitors run`) send them. */
  dsn?: string;
}

export interface SentryCliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `sentry-cli` pointed at a Faultline server, as a user would configure it; never throws. */
export function runSentryCli(
  target: SentryCliTarget,
  args: string[],
  options: SentryCliOptions = {},
): Promise<SentryCliRun> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    SENTRY_URL: target.url,
    SENTRY_AUTH_TOKEN: target.token,
    SENTRY_ORG: target.org,
    ...(target.project ? { SENTRY_PROJECT: target.project } : {}),
    ...(options.dsn ? { SENTRY_DSN: options.dsn } : {}),
    SENTRY_DISABLE_UPDATE_CHECK: "true",
    SENTRY_LOAD_DOTENV: "0",
    // SENTRY_LOG_LEVEL=debug when running the tests shows the CLI's requests.
    ...(process.env.SENTRY_LOG_LEVEL ? { SENTRY_LOG_LEVEL: process.env.SENTRY_LOG_LEVEL } : {}),
  };
  return new Promise((resolve) => {
    execFile(
      binaryOf(options.major ?? 3),
      args,
      { cwd: options.cwd ?? ROOT, env, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs the real `sentry-cli` (3.x unless `major` says 2) and returns its output; a failure throws. */
export async function sentryCli(
  target: SentryCliTarget,
  args: string[],
  cwd = ROOT,
  major: 2 | 3 = 3,
): Promise<string> {
  const run = await runSentryCli(target, args, { major, cwd });
  if (run.code !== 0)
    throw new Error(`sentry-cli ${args.join(" ")} failed with status ${run.code}\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}
