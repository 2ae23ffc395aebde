/**
 * Where integration tests find PostgreSQL and Redis. They never skip: if the services are not
 * there, the global setup fails with a message saying so.
 */
export const TEST_PG_BASE = process.env.TEST_PG_URL ?? "postgresql://root@127.0.0.1:5432";
export const TEST_REDIS_BASE = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
/** Lets several checkouts on one machine run their suites at once without sharing databases. */
const PREFIX = process.env.TEST_DB_PREFIX ?? "faultline_test";
/** Redis databases used are BASE+1 .. BASE+workers (keep BASE+workers ≤ 15). */
const REDIS_DB_BASE = Number(process.env.TEST_REDIS_DB_BASE ?? 0);

export const TEMPLATE_DB = `${PREFIX}_template`;

export function testDatabaseName(workerId: string | number): string {
  return `${PREFIX}_${workerId}`;
}

export function databaseUrl(name: string): string {
  return `${TEST_PG_BASE.replace(/\/+$/, "")}/${name}`;
}

/** Redis database 0 is left alone; jest worker N uses database BASE+N. */
export function redisUrl(workerId: string | number): string {
  return `${TEST_REDIS_BASE.replace(/\/+$/, "")}/${(REDIS_DB_BASE + Number(workerId)) % 16}`;
}
