import { AuthError, normalizePublicKey, parseAuthHeader, parseDsn, parseRequestAuth } from "./sentry-auth";

const KEY = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

describe("parseRequestAuth", () => {
  it("reads the X-Sentry-Auth header", () => {
    const auth = parseRequestAuth({
      headers: {
        "x-sentry-auth": `Sentry sentry_key=${KEY}, sentry_version=7, sentry_client=sentry.python/2.14.0, sentry_secret=old`,
      },
      query: {},
    });
    expect(auth).toEqual({ publicKey: KEY, version: 7, client: "sentry.python/2.14.0" });
  });

  it("reads the query string, as browser SDKs send it", () => {
    const auth = parseRequestAuth({
      headers: {},
      query: { sentry_key: KEY, sentry_version: "7", sentry_client: "sentry.javascript.browser/11.12.0" },
    });
    expect(auth?.publicKey).toBe(KEY);
    expect(auth?.client).toBe("sentry.javascript.browser/11.12.0");
  });

  it("reads Authorization: Sentry and Basic forms", () => {
    expect(parseRequestAuth({ headers: { authorization: `Sentry sentry_key=${KEY}` }, query: {} })?.publicKey).toBe(
      KEY,
    );
    const basic = Buffer.from(`${KEY}:`).toString("base64");
    expect(parseRequestAuth({ headers: { authorization: `Basic ${basic}` }, query: {} })?.publicKey).toBe(KEY);
  });

  it("accepts protocol versions 2.0 to 7 and refuses newer ones", () => {
    for (const version of ["2.0", "4", "5", "6", "7"]) {
      expect(parseAuthHeader(`Sentry sentry_key=${KEY}, sentry_version=${version}`)?.version).toBe(
        Number.parseInt(version, 10),
      );
    }
    expect(() => parseAuthHeader(`Sentry sentry_key=${KEY}, sentry_version=8`)).toThrow("unsupported protocol version");
  });

  it("falls back to the User-Agent for the client name", () => {
    const auth = parseRequestAuth({
      headers: { "x-sentry-auth": `Sentry sentry_key=${KEY}`, "user-agent": "raven-ruby/3.1" },
      query: {},
    });
    expect(auth?.client).toBe("raven-ruby/3.1");
  });

  it("returns null when there are no credentials, and ignores bearer tokens", () => {
    expect(parseRequestAuth({ headers: {}, query: {} })).toBeNull();
    expect(parseRequestAuth({ headers: { authorization: "Bearer abc" }, query: {} })).toBeNull();
  });

  it("refuses two different keys, and a header without a key", () => {
    expect(() =>
      parseRequestAuth({
        headers: { "x-sentry-auth": `Sentry sentry_key=${KEY}` },
        query: { sentry_key: "0".repeat(32) },
      }),
    ).toThrow("multiple authorization payloads detected");
    expect(() => parseAuthHeader("Sentry sentry_version=7")).toThrow(AuthError);
  });
});

describe("normalizePublicKey", () => {
  it("folds dashed UUID keys and drops flag suffixes", () => {
    expect(normalizePublicKey("A1B2C3D4-E5F6-0718-293A-4B5C6D7E8F90")).toBe(KEY);
    expect(normalizePublicKey(`${KEY}.no-cache`)).toBe(KEY);
  });

  it("refuses keys with characters no DSN has", () => {
    expect(() => normalizePublicKey("abc def")).toThrow("bad sentry DSN public key");
    expect(() => normalizePublicKey("")).toThrow(AuthError);
  });
});

describe("parseDsn", () => {
  it("reads key, project and base URL, keeping a path prefix", () => {
    expect(parseDsn(`https://${KEY}@example.com:8443/tracker/42`)).toEqual({
      publicKey: KEY,
      projectId: "42",
      baseUrl: "https://example.com:8443/tracker",
    });
  });

  it("ignores a legacy secret", () => {
    expect(parseDsn(`http://${KEY}:deadbeef@127.0.0.1:9000/7`).publicKey).toBe(KEY);
  });

  it("refuses DSNs without a key or project", () => {
    expect(() => parseDsn("https://example.com/1")).toThrow("no public key");
    expect(() => parseDsn(`https://${KEY}@example.com/`)).toThrow("no project id");
    expect(() => parseDsn("not a dsn")).toThrow("not a URL");
  });
});
