/**
 * PostgreSQL quotes the data it refused: `Key (event_id)=(…) already exists` in `detail`,
 * `invalid input syntax for type uuid: "…"` and `invalid byte sequence for encoding "UTF8": 0x…`
 * in the message, the statement's context in `where`, and Prisma copies all of it into `meta`.
 * That data is an event payload (passwords, tokens), so none of it may reach a log or the
 * failed-jobs list: these helpers keep the SQLSTATE, the names and the kind of failure only.
 */

/** Fields of pg's DatabaseError and Prisma's errors that carry row values or statement text. */
const VALUE_FIELDS = ["detail", "where", "hint", "internalQuery", "query", "parameters", "meta", "routine"] as const;

/** Longer messages are cut first: past it they hold row data, and the cut bounds the patterns' cost (`Key (` repeated without a `)` would be quadratic). */
const MAX_REDACTED_LENGTH = 8192;

/** Quoted values go; quoted names of indexes, constraints, tables, columns, types and encodings stay. */
export function redactQuotedValues(message: string): string {
  const text = message.length > MAX_REDACTED_LENGTH ? `${message.slice(0, MAX_REDACTED_LENGTH)}…` : message;
  return text
    .replace(
      /(\b(?:index|constraint|relation|table|column|type|encoding|function|schema|sequence)\s+)?"[^"]*"/gi,
      (quoted: string, named: string | undefined) => (named ? quoted : '"…"'),
    )
    .replace(/\bKey \([^)]*\)=\([^)]*\)/g, "Key (…)=(…)")
    .replace(/\b0x[0-9a-f]{2}(?:\s+0x[0-9a-f]{2})*/gi, "0x…");
}

/** A SQLSTATE (pg) or a P-code (Prisma): the error came from the database layer. */
export function isDatabaseError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta, name } = error as { code?: unknown; meta?: unknown; name?: unknown };
  if (typeof name === "string" && /^(?:PrismaClient|DriverAdapterError|DatabaseError)/.test(name)) return true;
  if ((error as { originalCode?: unknown }).originalCode !== undefined) return true;
  return (typeof code === "string" && /^(?:[0-9A-Z]{5}|P\d{4})$/.test(code)) || meta !== undefined;
}

/**
 * A plain copy of an error fit for a log line, causes included (Prisma's driver error keeps
 * PostgreSQL's fields in a plain-object `cause`): never the value fields; for database errors,
 * messages and stacks without quoted values (other errors keep theirs: they name files, keys...).
 */
export function redactError(error: unknown, depth = 0, inDatabaseError = false): unknown {
  if (typeof error !== "object" || error === null || Array.isArray(error) || depth > 4) return error;
  const database = inDatabaseError || isDatabaseError(error);
  const clean = (text: unknown) => (database && typeof text === "string" ? redactQuotedValues(text) : text);
  const copy: Record<string, unknown> = {};
  if (error instanceof Error) {
    copy.type = error.constructor.name;
    copy.message = clean(error.message);
    copy.stack = clean(error.stack);
  }
  for (const [key, value] of Object.entries(error)) {
    if ((VALUE_FIELDS as readonly string[]).includes(key) || key in copy) continue;
    copy[key] =
      key === "message" || key === "originalMessage" || key === "stack"
        ? clean(value)
        : typeof value === "object"
          ? redactError(value, depth + 1, database)
          : value;
  }
  if (error instanceof Error && error.cause !== undefined && copy.cause === undefined)
    copy.cause = redactError(error.cause, depth + 1, database);
  return copy;
}

/**
 * An error to hand to BullMQ in place of a database error: BullMQ keeps the message and stack
 * as the job's failure reason, beside the payload, and shows them to operators.
 */
export function withoutQuotedValues(error: unknown): unknown {
  if (!(error instanceof Error) || !isDatabaseError(error)) return error;
  const safe = new Error(redactQuotedValues(error.message));
  safe.name = error.name;
  safe.stack = error.stack ? redactQuotedValues(error.stack) : safe.stack;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") Object.assign(safe, { code });
  return safe;
}
