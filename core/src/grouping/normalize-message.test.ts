import { NORMALIZED_MESSAGE_MAX, normalizeMessage } from "./normalize-message";

describe("normalizeMessage (sentry-protocol.md §7.8)", () => {
  it.each([
    [
      "Connection to 10.1.2.3:5432 failed after 3000ms for user=bob@example.com",
      "Connection to <ip>:<int> failed after <duration> for user=<email>",
    ],
    ["GET https://api.test/v1/users?id=4 failed", "GET <url> failed"],
    ["row 550e8400-e29b-41d4-a716-446655440000 missing", "row <uuid> missing"],
    ["commit da39a3ee5e6b4b0d3255bfef95601890afd80709", "commit <sha1>"],
    ["at 2024-01-31T10:00:00Z", "at <date>"],
    ["pointer 0xdeadBEEF", "pointer <hex>"],
    ["ratio 0.75 and -3", "ratio <float> and <int>"],
    ["name='bob' active=true", "name=<quoted_str> active=<bool>"],
    ["db.example.com refused", "<hostname> refused"],
  ])("%p", (input, output) => {
    expect(normalizeMessage(input)).toBe(output);
  });

  it("keeps two non-empty lines and marks the cut", () => {
    expect(normalizeMessage("one\n\ntwo\nthree")).toBe("one\ntwo...");
  });

  it("replaces an address whose local part is longer than usual whole", () => {
    expect(normalizeMessage(`no mailbox ${"x".repeat(80)}@example.com`)).toBe("no mailbox <email>");
  });

  it("normalizes hostnames after hyphens and underscores as before", () => {
    expect(normalizeMessage("ENOTFOUND my_service-db.example.com")).toBe("ENOTFOUND my_service-<hostname>");
    expect(normalizeMessage("dial _foo.internal.example.com")).toBe("dial _foo.<hostname>");
  });

  it("looks at the first 8192 characters of its lines, without splitting a character", () => {
    const head = "x".repeat(NORMALIZED_MESSAGE_MAX - 1);
    expect(normalizeMessage(`${head}a tail`)).toBe(`${head}a...`);
    expect(normalizeMessage(`${head}a other tail`)).toBe(normalizeMessage(`${head}a tail`));
    expect(normalizeMessage(`${head}\u{1F600} tail`)).toBe(`${head}...`);
  });

  it("leaves words alone", () => {
    expect(normalizeMessage("read timed out")).toBe("read timed out");
  });
});
