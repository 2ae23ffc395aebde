import { Secret, TOTP } from "otpauth";
import { matchingStep, newRecoveryCodes, newTotpSecret, recoveryCodeHash, totpCode, totpUri } from "./totp";

// RFC 6238 appendix B's SHA-1 secret ("12345678901234567890") and its test vectors.
const RFC_SECRET = Secret.fromUTF8("12345678901234567890").base32;

describe("TOTP codes", () => {
  it.each([
    [59, "287082"],
    [1111111109, "081804"],
    [1234567890, "005924"],
    [2000000000, "279037"],
  ])("RFC 6238 vector at %i s is %s (6 digits)", (seconds, code) => {
    expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(code);
    expect(matchingStep(RFC_SECRET, code, seconds * 1000)).toBe(Math.floor(seconds / 30));
  });

  it("accepts the previous and next step, not two steps away", () => {
    const secret = newTotpSecret();
    const now = 1_800_000_015_000;
    const step = Math.floor(now / 30_000);
    expect(matchingStep(secret, totpCode(secret, now - 30_000), now)).toBe(step - 1);
    expect(matchingStep(secret, totpCode(secret, now + 30_000), now)).toBe(step + 1);
    expect(matchingStep(secret, totpCode(secret, now - 60_000), now)).toBeNull();
    expect(matchingStep(secret, totpCode(secret, now + 60_000), now)).toBeNull();
  });

  it("refuses malformed codes and tolerates spaces", () => {
    const secret = newTotpSecret();
    const now = Date.now();
    const code = totpCode(secret, now);
    expect(matchingStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).not.toBeNull();
    for (const bad of ["", "12345", "1234567", "abcdef", `${code}0`]) expect(matchingStep(secret, bad, now)).toBeNull();
  });

  it("makes a 160-bit secret and an otpauth URI any authenticator app reads", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = totpUri(secret, "ana@example.com", "Faultline");
    expect(uri).toMatch(/^otpauth:\/\/totp\/Faultline:ana%40example\.com\?/);
    const parsed = new URL(uri);
    expect(parsed.searchParams.get("secret")).toBe(secret);
    expect(parsed.searchParams.get("issuer")).toBe("Faultline");
    expect(new TOTP({ secret }).generate({ timestamp: 0 })).toBe(totpCode(secret, 0));
  });
});

describe("recovery codes", () => {
  it("are ten distinct, readable codes", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  });

  it("hash the same however they are typed, and differently from each other", () => {
    const [first, second] = newRecoveryCodes() as [string, string];
    expect(recoveryCodeHash(first.toUpperCase().replace(/-/g, " "))).toBe(recoveryCodeHash(first));
    expect(recoveryCodeHash(first)).not.toBe(recoveryCodeHash(second));
    expect(recoveryCodeHash(first)).not.toContain(first.replace(/-/g, ""));
  });
});
