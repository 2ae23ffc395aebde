import { createKeyBody } from "./api-contracts/projects";
import { AuthError } from "./auth/sentry-auth";
import { buildDsn, parseAdoptableDsn, parseDsnProjectId } from "./dsn";

describe("parseAdoptableDsn", () => {
  it.each([
    [
      "https://0123456789abcdef0123456789abcdef@o1.ingest.sentry.io/4505123456789012",
      { publicKey: "0123456789abcdef0123456789abcdef", secretKey: null, projectId: 4505123456789012 },
    ],
    [
      " http://ABCDEF0123456789abcdef0123456789:fedcba9876543210fedcba9876543210@sentry.internal:9000/sentry/7 ",
      {
        publicKey: "abcdef0123456789abcdef0123456789",
        secretKey: "fedcba9876543210fedcba9876543210",
        projectId: 7,
      },
    ],
  ])("reads %s", (dsn, expected) => {
    expect(parseAdoptableDsn(dsn)).toEqual(expected);
  });

  it.each([
    ["not a url", "bad sentry DSN: not a URL"],
    ["https://o1.ingest.sentry.io/1", "bad sentry DSN: no public key"],
    ["https://key@host/abc", "bad sentry DSN: the project id is not a positive integer"],
    ["https://key@host/0", "bad sentry DSN: the project id is not a positive integer"],
    ["https://key@host/12345678901234567", "bad sentry DSN: the project id is not a positive integer"],
    ["https://key:bad%20secret@host/1", "bad sentry DSN secret key"],
  ])("refuses %s", (dsn, message) => {
    expect(() => parseAdoptableDsn(dsn)).toThrow(new AuthError(message, 400));
  });

  it("round-trips through buildDsn with the adopted id", () => {
    const parsed = parseAdoptableDsn("https://0123456789abcdef0123456789abcdef@o1.ingest.sentry.io/4505123456789012");
    expect(buildDsn("https://faultline.example.com", parsed.publicKey, parsed.projectId)).toBe(
      "https://0123456789abcdef0123456789abcdef@faultline.example.com/4505123456789012",
    );
  });
});

describe("parseDsnProjectId", () => {
  it("takes up to 16 digits that a number holds exactly", () => {
    expect(parseDsnProjectId("9007199254740991")).toBe(9007199254740991);
    expect(parseDsnProjectId("9007199254740993")).toBeNull();
    expect(parseDsnProjectId("-1")).toBeNull();
    expect(parseDsnProjectId("1e3")).toBeNull();
  });
});

describe("createKeyBody", () => {
  it("folds an adopted key's parts to their stored form", () => {
    expect(createKeyBody.parse({ public: "ABCDEF0123456789ABCDEF0123456789", projectId: "42" })).toEqual({
      name: "Default",
      public: "abcdef0123456789abcdef0123456789",
      projectId: 42,
    });
    expect(
      createKeyBody.parse({
        public: "01234567-89ab-cdef-0123-456789abcdef",
        secret: "ABCDEF",
        projectId: 4505123456789012,
      }),
    ).toEqual({
      name: "Default",
      public: "0123456789abcdef0123456789abcdef",
      secret: "abcdef",
      projectId: 4505123456789012,
    });
  });

  it("needs the public key for a secret or a project id", () => {
    expect(createKeyBody.safeParse({ projectId: 5 }).success).toBe(false);
    expect(createKeyBody.safeParse({ secret: "abc" }).success).toBe(false);
    expect(createKeyBody.safeParse({ public: "0123456789abcdef0123456789abcdef", projectId: "x1" }).success).toBe(
      false,
    );
  });
});
