import { assertLinear } from "../testing/linearity";
import { SENSITIVE_VALUE, scrubProtectedText, scrubText, type TextOptions } from "./patterns";

/** Scrubbing has no length bound (it must see every character), so its patterns must be linear. */
const SMALL = 4096;
const EVERYTHING: TextOptions = { defaults: true, emails: true, ips: true };

const ADVERSARIAL: [string, (chars: number) => string][] = [
  ["email bomb", (n) => "a@" + "a.".repeat(n / 2)],
  ["dotted words", (n) => "a.".repeat(n / 2)],
  ["at signs", (n) => "@".repeat(n)],
  ["a@ pairs", (n) => "a@".repeat(n / 2)],
  ["dotted local parts", (n) => ".a".repeat(n / 2) + "@"],
  ["percent signs", (n) => "a%".repeat(n / 2)],
  ["hyphens", (n) => "a-".repeat(n / 2)],
  ["deep domain", (n) => "a.".repeat(n / 2) + "com"],
  ["digits", (n) => "1".repeat(n)],
  ["spaced digits", (n) => "4 ".repeat(n / 2)],
  ["digits and dashes", (n) => "1-".repeat(n / 2)],
  ["dotted digits", (n) => "1.".repeat(n / 2)],
  ["IBAN-like", (n) => "DE12".repeat(n / 4)],
  ["PEM headers without END", (n) => "-----BEGIN RSA PRIVATE KEY-----".repeat(n / 31)],
  ["PEM header, long name", (n) => "-----BEGIN " + "A ".repeat(n / 2)],
  ["url schemes", (n) => "http://".repeat(n / 7) + "@"],
  ["url users", (n) => "a://b:".repeat(n / 6) + "@"],
  ["dotted scheme", (n) => "a.".repeat(n / 2) + "://u:p@h"],
  ["IPv6-like, letters", (n) => "a:".repeat(n / 2)],
  ["IPv6-like, digits", (n) => "1:".repeat(n / 2)],
  ["home dirs", (n) => "/home/".repeat(n / 6)],
  ["bearer", (n) => "Bearer ".repeat(n / 7)],
];

describe("scrubbing patterns run in linear time", () => {
  it.each(ADVERSARIAL)("scrubText: %s", (label, makeInput) => {
    assertLinear(label, (text: string) => scrubText(text, EVERYTHING), makeInput, { size: SMALL });
  });

  it.each(ADVERSARIAL)("scrubProtectedText: %s", (label, makeInput) => {
    assertLinear(label, (text: string) => scrubProtectedText(text, EVERYTHING), makeInput, { size: SMALL });
  });

  it.each([
    ["token", (n: number) => "token".repeat(n / 5)],
    ["token with spaces", (n: number) => "tokenx ".repeat(n / 7)],
  ])("the secret-value check: %s", (label, makeInput) => {
    assertLinear(label, (text: string) => SENSITIVE_VALUE.test(text), makeInput, { size: SMALL });
  });
});
