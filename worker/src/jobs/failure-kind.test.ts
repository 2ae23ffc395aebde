import { describeStoreFailure, storeFailureKind } from "./failure-kind";

function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe("storeFailureKind", () => {
  it.each([
    ["08006", "connection failure"],
    ["08001", "could not connect"],
    ["57P01", "terminating connection due to administrator command"],
    ["57P02", "crash shutdown"],
    ["57P03", "the database system is starting up"],
    ["53300", "sorry, too many clients already"],
    ["ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432"],
    ["ECONNRESET", "read ECONNRESET"],
  ])("treats %s as the database being unavailable", (code, message) => {
    expect(storeFailureKind(pgError(code, message))).toBe("unavailable");
  });

  it.each([
    "Connection terminated unexpectedly",
    "Connection terminated due to connection timeout",
    "timeout exceeded when trying to connect",
  ])("treats pg's code-less %j as unavailable", (message) => {
    expect(storeFailureKind(new Error(message))).toBe("unavailable");
  });

  it.each([
    ["22001", "value too long for type character varying(200)"],
    ["22P02", 'invalid input syntax for type uuid: "x"'],
    ["22021", 'invalid byte sequence for encoding "UTF8": 0x00'],
    ["23503", 'insert or update on table "issue" violates foreign key constraint "issue_project_id_fkey"'],
    ["42703", 'column "x" does not exist'],
    ["54000", 'index row size 5016 exceeds btree version 4 maximum 2704 for index "issue_user_pkey"'],
  ])("treats %s as a data error that fails the same way every time", (code, message) => {
    expect(storeFailureKind(pgError(code, message))).toBe("data");
  });

  it.each([
    ["40P01", "deadlock detected"],
    ["40001", "could not serialize access"],
    ["57014", "canceling statement due to statement timeout"],
    ["XX000", "internal error"],
  ])("treats %s as another failure, worth a retry", (code, message) => {
    expect(storeFailureKind(pgError(code, message))).toBe("other");
  });

  it("treats errors without a code as other failures", () => {
    expect(storeFailureKind(new TypeError("Cannot read properties of undefined"))).toBe("other");
    expect(storeFailureKind(undefined)).toBe("other");
    expect(storeFailureKind("a string")).toBe("other");
  });
});

describe("describeStoreFailure", () => {
  it("gives the SQLSTATE and message, keeping quoted names", () => {
    const error = pgError(
      "54000",
      'index row size 5016 exceeds btree version 4 maximum 2704 for index "issue_user_pkey"',
    );
    expect(describeStoreFailure(error)).toBe(
      '54000 index row size 5016 exceeds btree version 4 maximum 2704 for index "issue_user_pkey"',
    );
  });

  it("leaves out quoted values, which come from the event", () => {
    const error = pgError("22P02", 'invalid input syntax for type uuid: "secret@example.com"');
    const reason = describeStoreFailure(error);
    expect(reason).toBe('22P02 invalid input syntax for type uuid: "…"');
    expect(reason).not.toContain("secret");
  });

  it("caps the length", () => {
    expect(describeStoreFailure(new Error("x".repeat(5000))).length).toBeLessThan(320);
  });
});
