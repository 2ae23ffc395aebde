/**
 * PostgreSQL's SQLSTATE of a failed query, wherever the layers put it: pg's own error (`code`),
 * or Prisma's driver-adapter error (`meta.driverAdapterError.cause.originalCode`; Prisma's own
 * `code` there is a P-code).
 */
export function postgresCodeOf(error: unknown): string | undefined {
  let current = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const record = current as { code?: unknown; originalCode?: unknown; meta?: unknown; cause?: unknown };
    if (typeof record.originalCode === "string") return record.originalCode;
    if (typeof record.code === "string" && /^[0-9A-OQ-Z][0-9A-Z]{4}$/.test(record.code)) return record.code;
    const adapter = (record.meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError;
    current = adapter ?? record.cause;
  }
  return undefined;
}

/** The query was cancelled: statement_timeout (or a cancel request — either way, it gave up). */
export function isStatementTimeout(error: unknown): boolean {
  return postgresCodeOf(error) === "57014";
}
