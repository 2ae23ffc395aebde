import { redactQuotedValues } from "@faultline/runtime";

/**
 * Why storing a batch failed, which decides what happens next:
 * - `unavailable`: the database cannot be reached or is shutting down. Every event of the batch
 *   would fail the same way, so the batch is not split; all its jobs are retried with backoff.
 * - `data`: PostgreSQL refused one event's values (SQLSTATE classes 22 data exception, 23
 *   integrity constraint, 42 syntax or undefined object, 54 program limit such as an index row
 *   too large). The same event fails the same way every time: once isolated, it is failed for
 *   good at once instead of retried.
 * - `other`: anything else (deadlock, serialization, statement timeout, a bug): the batch is split
 *   to keep it from taking the others down, and the culprit is retried with backoff.
 */
export type StoreFailureKind = "unavailable" | "data" | "other";

const UNAVAILABLE_CODES = new Set(["57P01", "57P02", "57P03"]);
/** 08: connection exception; 53: insufficient resources (disk full, too many connections). */
const UNAVAILABLE_CLASSES = new Set(["08", "53"]);
const DATA_CLASSES = new Set(["22", "23", "42", "54"]);
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);
/** What `pg` throws without a code when a connection ends or the pool cannot hand one out. */
const UNAVAILABLE_MESSAGE =
  /connection terminated|timeout exceeded when trying to connect|client has encountered a connection error|connection ended|cannot use a pool after calling end/i;

export function storeFailureKind(error: unknown): StoreFailureKind {
  const code = errorCode(error);
  if (code !== undefined) {
    if (NETWORK_CODES.has(code) || UNAVAILABLE_CODES.has(code)) return "unavailable";
    if (isSqlState(code)) {
      const sqlClass = code.slice(0, 2);
      if (UNAVAILABLE_CLASSES.has(sqlClass)) return "unavailable";
      if (DATA_CLASSES.has(sqlClass)) return "data";
      return "other";
    }
  }
  const message = error instanceof Error ? error.message : "";
  return UNAVAILABLE_MESSAGE.test(message) ? "unavailable" : "other";
}

/**
 * A failure reason fit for the failed-jobs list: the SQLSTATE and PostgreSQL's message, with
 * quoted values left out (messages such as `invalid input syntax for type uuid: "..."` quote
 * the event's own data); quoted names of indexes, constraints, tables, columns and types stay.
 */
export function describeStoreFailure(error: unknown): string {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const withoutValues = redactQuotedValues(message);
  const short = withoutValues.length > 300 ? `${withoutValues.slice(0, 300)}…` : withoutValues;
  return code ? `${code} ${short}` : short;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

function isSqlState(code: string): boolean {
  return /^[0-9A-Z]{5}$/.test(code);
}
