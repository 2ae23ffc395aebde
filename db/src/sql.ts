import type { Pool, PoolClient, QueryConfig } from "pg";
import { types } from "pg";
import { releaseOnce } from "./pool-errors";

/**
 * Hand-written SQL on one pooled connection, for the hot write path (the worker's event batch).
 * Prisma compiles and interprets every query, raw ones included, which costs more CPU than the
 * batch's own work; these statements are fixed SQL with array parameters, so they go to `pg`
 * directly. Results read like Prisma's raw queries: int8 as bigint, timestamps as Date.
 */
export interface Sql {
  /** Resolves to the rows; the type argument is the row array, as with Prisma's `$queryRaw<T>`. */
  query<Rows extends object[]>(strings: TemplateStringsArray, ...values: unknown[]): Promise<Rows>;
  /** Runs a statement; resolves to the number of rows it touched. */
  execute(strings: TemplateStringsArray, ...values: unknown[]): Promise<number>;
}

const INT8_OID = types.builtins.INT8;
const INT8_ARRAY_OID = 1016;
// pg-types has no builtins entry for array types; its parser for "_int8" yields strings.
const parseBigIntArray = types.getTypeParser(INT8_ARRAY_OID as typeof INT8_OID);

const bigintTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8_OID) return (value: string) => BigInt(value);
    if (oid === INT8_ARRAY_OID)
      return (value: string) =>
        (parseBigIntArray(value) as (string | null)[]).map((v) => (v === null ? null : BigInt(v)));
    return types.getTypeParser(oid, format);
  },
} as QueryConfig["types"];

/** `a ${x} b ${y}` → `a $1 b $2` with x and y as parameters (bigints sent as text). */
function toQuery(strings: TemplateStringsArray, values: unknown[]): QueryConfig {
  let text = strings[0] ?? "";
  for (let i = 1; i < strings.length; i++) text += `$${i}${strings[i]}`;
  return { text, values: values.map(toParameter), types: bigintTypes };
}

function toParameter(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(toParameter);
  return value;
}

export function sqlOn(client: PoolClient): Sql {
  return {
    async query<Rows extends object[]>(strings: TemplateStringsArray, ...values: unknown[]): Promise<Rows> {
      return (await client.query(toQuery(strings, values))).rows as Rows;
    },
    async execute(strings: TemplateStringsArray, ...values: unknown[]): Promise<number> {
      return (await client.query(toQuery(strings, values))).rowCount ?? 0;
    },
  };
}

/**
 * Runs `work` in a transaction on one connection: committed when it resolves, rolled back when it
 * throws. A connection that failed (its rollback failed, or the server ended it) is discarded
 * rather than returned to the pool.
 */
export async function inTransaction<T>(pool: Pool, work: (sql: Sql) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // The server may end the connection between two statements (restart, pg_terminate_backend):
  // that fails this transaction (its next query rejects), never the process. Pools made by
  // createDatabase listen on every client already; this covers any other pool.
  const onConnectionError = (error: Error) => (broken ??= error);
  client.on("error", onConnectionError);
  try {
    await client.query("BEGIN");
    const result = await work(sqlOn(client));
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.off("error", onConnectionError);
    releaseOnce(client, broken);
  }
}
