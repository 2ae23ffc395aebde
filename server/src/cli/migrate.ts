import { spawn } from "node:child_process";
import path from "node:path";
import { Client } from "pg";
import { CliError, readCliConfig, type Command } from "./command";

/** The repository root, where prisma.config.ts and prisma/migrations live. */
export const REPO_ROOT = path.resolve(__dirname, "../../..");

export const migrateCommand: Command = {
  options: {},
  async run(values, { env, out }) {
    const config = readCliConfig(env);
    const created = await ensureDatabase(config.DATABASE_URL);
    if (created && !values.json) out("Created the database.\n");
    const code = await runPrisma(
      ["migrate", "deploy"],
      { ...env, DATABASE_URL: config.DATABASE_URL },
      Boolean(values.json),
    );
    if (code !== 0) throw new CliError(`prisma migrate deploy failed (exit code ${code})`);
    out(values.json ? `${JSON.stringify({ migrated: true, createdDatabase: created })}\n` : "Migrations applied.\n");
  },
};

/** Creates the target database when it does not exist yet (first set-up). */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!name) throw new CliError("DATABASE_URL has no database name");
  url.pathname = "/postgres";
  const client = new Client({ connectionString: url.toString() });
  try {
    await client.connect();
  } catch (error) {
    throw new CliError(`cannot connect to PostgreSQL at ${url.host}: ${(error as Error).message}`);
  }
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount) return false;
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return true;
  } finally {
    await client.end();
  }
}

function runPrisma(args: string[], env: NodeJS.ProcessEnv, quiet: boolean): Promise<number> {
  const cli = require.resolve("prisma/build/index.js", { paths: [REPO_ROOT] });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: REPO_ROOT,
      env,
      stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit",
    });
    child.once("error", reject);
    child.once("exit", (code) => resolve(code ?? 1));
  });
}
