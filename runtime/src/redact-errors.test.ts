import { redactError, redactQuotedValues, withoutQuotedValues } from "./redact-errors";

function pgError(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

describe("database errors without the values they quote", () => {
  test.each([
    ['invalid input syntax for type uuid: "PW-1"', 'invalid input syntax for type uuid: "…"'],
    [
      'duplicate key value violates unique constraint "event_pkey"',
      'duplicate key value violates unique constraint "event_pkey"',
    ],
    ["Key (email)=(PW-2@example.com) already exists.", "Key (…)=(…) already exists."],
    ['invalid byte sequence for encoding "UTF8": 0xe2 0x28', 'invalid byte sequence for encoding "UTF8": 0x…'],
    ["value too long for type character varying(8)", "value too long for type character varying(8)"],
  ])("%s", (message, expected) => {
    expect(redactQuotedValues(message)).toBe(expected);
  });

  test("a pg error loses detail, where and its quoted values; names and the SQLSTATE stay", () => {
    const error = pgError('new row for relation "issue" violates check constraint "no_marker"', {
      code: "23514",
      detail: "Failing row contains (1, PW-3).",
      where: "SQL statement INSERT ... PW-3",
      constraint: "no_marker",
    });
    const logged = JSON.stringify(redactError(error));
    expect(logged).not.toContain("PW-3");
    expect(logged).toContain("23514");
    expect(logged).toContain("no_marker");
  });

  test("Prisma's driver error keeps PostgreSQL's fields in a plain cause: those go too", () => {
    const error = pgError("new row violates check constraint", {
      name: "DriverAdapterError",
      cause: { originalCode: "23514", kind: "postgres", detail: "Failing row contains (PW-4).", message: 'x "PW-4"' },
    });
    const logged = JSON.stringify(redactError(error));
    expect(logged).not.toContain("PW-4");
    expect(logged).toContain("23514");
  });

  test("other errors keep their messages; a job's database error is replaced for BullMQ", () => {
    expect(redactError(new Error('Cannot find module "x"'))).toMatchObject({ message: 'Cannot find module "x"' });
    const replaced = withoutQuotedValues(pgError('bad value "PW-5"', { code: "22P02", detail: "PW-5" })) as Error;
    expect(replaced.message).toBe('bad value "…"');
    expect(JSON.stringify({ ...replaced, stack: replaced.stack })).not.toContain("PW-5");
  });

  test("a megabyte message is cut before its patterns run", () => {
    const redacted = redactQuotedValues("Key (".repeat(200_000));
    expect(redacted.length).toBeLessThanOrEqual(8193);
    expect(redacted.endsWith("…")).toBe(true);
  });
});
