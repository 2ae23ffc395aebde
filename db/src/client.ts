import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { PrismaClient } from "./generated/prisma/client";
import { keepConnectionErrorsHandled } from "./pool-errors";

export type Database = PrismaClient;

export interface DatabaseOptions {
  url: string;
  /** Connections in this process's pool. */
  poolSize?: number;
  /**
   * PostgreSQL's statement_timeout for every connection of this pool, in ms (0 or absent: none).
   * The web server sets it so no request can hold the database for long; the worker does not.
   */
  statementTimeoutMs?: number;
}

const pools = new WeakMap<Database, Pool>();

export function createDatabase({ url, poolSize = 10, statementTimeoutMs = 0 }: DatabaseOptions): Database {
  const pool = new Pool({
    connectionString: url,
    max: poolSize,
    // A startup parameter: set on each connection as it opens, no extra round trip.
    ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
  });
  keepConnectionErrorsHandled(pool);
  const db = new PrismaClient({ adapter: new PrismaPg(pool) });
  pools.set(db, pool);
  // The adapter leaves a pool it was handed open; without this, a stopped process would keep
  // idle connections (and itself) alive for the pool's idle timeout.
  const disconnectPrisma = db.$disconnect.bind(db);
  let poolEnded: Promise<void> | undefined;
  db.$disconnect = async () => {
    await disconnectPrisma();
    poolEnded ??= pool.end();
    await poolEnded;
  };
  return db;
}

/** The connection pool behind a client (for pool-usage metrics). */
export function databasePool(db: Database): Pool | undefined {
  return pools.get(db);
}
