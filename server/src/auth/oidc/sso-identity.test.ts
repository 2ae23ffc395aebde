import { ssoIdentity } from "./sso-identity";

describe("ssoIdentity", () => {
  const verified = { sub: "1", email: "Ana@Example.com", email_verified: true, name: "Ana" };

  it("takes a verified email, lower-cased, with the name", () => {
    expect(ssoIdentity(verified, [])).toEqual({ ok: true, email: "ana@example.com", name: "Ana" });
    expect(ssoIdentity({ ...verified, email_verified: "true" }, [])).toMatchObject({ ok: true });
  });

  it.each([
    ["missing", { sub: "1" }, /did not share an email/],
    ["unverified", { ...verified, email_verified: false }, /has not verified ana@example\.com/],
    ["verification not stated", { sub: "1", email: "ana@example.com" }, /has not verified/],
    ["not an address", { ...verified, email: "ana" }, /did not share an email/],
  ])("refuses an email that is %s", (_case, claims, problem) => {
    const result = ssoIdentity(claims, []);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(problem);
  });

  it("keeps to the allowed domains when there are any", () => {
    expect(ssoIdentity(verified, ["example.com", "example.org"])).toMatchObject({ ok: true });
    const denied = ssoIdentity({ ...verified, email: "ana@evil.example.com" }, ["example.com"]);
    expect(denied).toEqual({ ok: false, problem: "Email addresses at evil.example.com may not sign in here." });
  });
});
