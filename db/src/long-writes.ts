import type { Database } from "./client";
import type { Tx } from "./tx";

/** Longest a long write may hold its transaction (Prisma's own limit on interactive transactions). */
const LONG_WRITE_MS = 60 * 60_000;

/**
 * Runs a write that may rightly take longer than the server's statement_timeout
 * (API_STATEMENT_TIMEOUT_MS) — deleting a project or issues cascades through all their events —
 * in a transaction of its own with the timeout lifted: the limit is there to stop heavy reads,
 * not to make large deletions impossible.
 */
export function withoutStatementTimeout<T>(db: Database, write: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL statement_timeout = 0");
      return write(tx);
    },
    { timeout: LONG_WRITE_MS, maxWait: 10_000 },
  );
}
