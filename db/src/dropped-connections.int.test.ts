import { Pool } from "pg";
import { openDatabase, testUrls } from "../../test/support/harness";
import { databasePool, type Database } from "./client";
import { inTransaction } from "./sql";

/**
 * PostgreSQL ending a connection (restart, failover, pg_terminate_backend) while a client is
 * checked out of the pool: the work on it fails, the process does not. Without an 'error'
 * listener on the checked-out client, node would throw "Unhandled 'error' event" and jest would
 * fail the test with it.
 */

let db: Database;
let admin: Pool;
beforeAll(() => {
  db = openDatabase();
  admin = new Pool({ connectionString: testUrls().databaseUrl, max: 1 });
});
afterAll(async () => {
  await db.$disconnect();
  await admin.end();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function terminate(pid: number): Promise<void> {
  const { rows } = await admin.query<{ done: boolean }>("SELECT pg_terminate_backend($1) AS done", [pid]);
  expect(rows[0]?.done).toBe(true);
}

function pool(): Pool {
  const found = databasePool(db);
  if (!found) throw new Error("no pool");
  return found;
}

it("a connection terminated between the statements of a transaction fails that transaction only", async () => {
  const work = inTransaction(pool(), async (sql) => {
    const [row] = await sql.query<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
    await terminate(row?.pid ?? 0);
    // The server's FATAL message and the socket's end arrive while no query is running.
    await sleep(300);
    await sql.query`SELECT 1`;
  });
  await expect(work).rejects.toThrow();
  // The pool replaced the dead connection: the next transaction works.
  await expect(inTransaction(pool(), async (sql) => sql.query<{ one: number }[]>`SELECT 1 AS one`)).resolves.toEqual([
    { one: 1 },
  ]);
});

it("a connection terminated under a Prisma interactive transaction fails that transaction only", async () => {
  const work = db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
    await terminate(row?.pid ?? 0);
    await sleep(300);
    await tx.$queryRaw`SELECT 1`;
  });
  await expect(work).rejects.toThrow();
  await expect(db.$queryRaw`SELECT 1 AS one`).resolves.toEqual([{ one: 1 }]);
});

it("clients of Prisma transactions the server dropped go back to the pool: a full pool of them does not stall it", async () => {
  // openDatabase's pool holds 5 connections; drop a transaction on every one of them.
  const transactions = Array.from({ length: 5 }, () =>
    db.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid FROM pg_sleep(0.2)`;
      await terminate(row?.pid ?? 0);
      await sleep(300);
      await tx.$queryRaw`SELECT 1`;
    }),
  );
  const settled = await Promise.allSettled(transactions);
  expect(settled.every((result) => result.status === "rejected")).toBe(true);
  // Generous: the pool takes a dropped client back a few seconds after its connection died.
  await expect(db.$queryRaw`SELECT 1 AS one`).resolves.toEqual([{ one: 1 }]);
  expect(pool().totalCount).toBeLessThanOrEqual(5);
}, 60_000);

it("idle connections terminated all at once are replaced", async () => {
  const pids = await Promise.all(
    Array.from({ length: 3 }, () =>
      inTransaction(pool(), async (sql) => {
        const [row] = await sql.query<{ pid: number }[]>`SELECT pg_backend_pid() AS pid, pg_sleep(0.05)`;
        return row?.pid ?? 0;
      }),
    ),
  );
  for (const pid of new Set(pids)) await terminate(pid);
  await sleep(300);
  await expect(db.$queryRaw`SELECT 1 AS one`).resolves.toEqual([{ one: 1 }]);
});
