import { execFileSync } from "node:child_process";
import path from "node:path";
import { Redis } from "ioredis";
import { Client } from "pg";
import { TEMPLATE_DB, TEST_REDIS_BASE, databaseUrl, testDatabaseName } from "./databases";

const ROOT = path.resolve(__dirname, "../..");

/** Migrates a template database once, then clones one database per jest worker from it. */
export default async function globalSetup(config: { maxWorkers: number }): Promise<void> {
  const admin = new Client({ connectionString: databaseUrl("postgres") });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`Integration tests need PostgreSQL at ${databaseUrl("postgres")}: ${(error as Error).message}`);
  }
  await checkRedis();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    execFileSync(process.execPath, [require.resolve("prisma/build/index.js"), "migrate", "deploy"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl(TEMPLATE_DB) },
      stdio: "pipe",
    });
    const workers = Math.max(1, config.maxWorkers);
    for (let id = 1; id <= workers; id++) {
      const name = testDatabaseName(id);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
    }
  } finally {
    await admin.end();
  }
}

async function checkRedis(): Promise<void> {
  const redis = new Redis(TEST_REDIS_BASE, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Integration tests need Redis at ${TEST_REDIS_BASE}: ${(error as Error).message}`);
  } finally {
    redis.disconnect();
  }
}
