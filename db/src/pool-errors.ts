import type { Pool, PoolClient } from "pg";

/** How long the user of a failed connection has to hand it back before the pool takes it. */
const RECLAIM_AFTER_MS = 5000;

/**
 * PostgreSQL may end any connection (restart, failover, `pg_terminate_backend`). A client emits
 * 'error' for that even while checked out between two statements, where the pool's own listener
 * (idle clients only) does not reach, and an unhandled 'error' event ends the process. A listener
 * on every client ever made turns it into a failure of the work using the client instead: its
 * next query rejects, the transaction rolls back, the job is retried.
 *
 * Prisma's interactive transactions (the pg adapter) never hand back a client whose ROLLBACK or
 * COMMIT failed, which is every client the server dropped mid-transaction: each outage would
 * leak pool slots until none were left. A client still checked out a while after its connection
 * died is therefore released (and discarded) here.
 */
export function keepConnectionErrorsHandled(pool: Pool): void {
  const checkedOut = new WeakSet<PoolClient>();
  const reclaiming = new WeakSet<PoolClient>();
  pool.on("error", () => undefined);
  pool.on("acquire", (client) => checkedOut.add(client));
  pool.on("release", (_error, client) => checkedOut.delete(client));
  pool.on("connect", (client) => {
    client.on("error", (error) => {
      if (!checkedOut.has(client) || reclaiming.has(client)) return;
      reclaiming.add(client);
      setTimeout(() => {
        if (checkedOut.has(client)) client.release(error);
      }, RECLAIM_AFTER_MS).unref();
    });
  });
}

/** Hands a client back; one the pool already took back (see above) is left alone. */
export function releaseOnce(client: PoolClient, error?: Error): void {
  try {
    client.release(error);
  } catch {
    // "Release called on client which has already been released to the pool."
  }
}
