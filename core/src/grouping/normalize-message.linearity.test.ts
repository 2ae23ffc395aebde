import { assertLinear } from "../testing/linearity";
import { normalizeMessage } from "./normalize-message";

/**
 * Inputs built to make a backtracking pattern rescan the rest of the text from every position.
 * Sizes stay under the length normalizeMessage looks at (8192), so these measure the patterns
 * themselves, not the bound.
 */
const SMALL = 480;
const ADVERSARIAL: [string, (chars: number) => string][] = [
  ["email bomb", (n) => "a@" + "a.".repeat(n / 2)],
  ["dotted words", (n) => "a.".repeat(n / 2)],
  ["at signs", (n) => "@".repeat(n)],
  ["a@ pairs", (n) => "a@".repeat(n / 2)],
  ["one long word", (n) => "ab".repeat(n / 2)],
  ["deep hostname", (n) => "a.".repeat(n / 2) + "com"],
  ["deep hostname, no TLD", (n) => "a.".repeat(n / 2) + "c"],
  ["hyphenated labels", (n) => "a-b.".repeat(n / 4)],
  ["digits", (n) => "1".repeat(n)],
  ["dotted digits", (n) => "1.".repeat(n / 2)],
  ["digits and dashes", (n) => "1-".repeat(n / 2)],
  ["IPv6-like, letters", (n) => "a:".repeat(n / 2)],
  ["IPv6-like, digits", (n) => "1:".repeat(n / 2)],
  ["double colons", (n) => "::".repeat(n / 2)],
  ["url schemes", (n) => "http://".repeat(n / 7)],
  ["unclosed quote", (n) => "=" + "'".repeat(n)],
  ["unclosed datetime reprs", (n) => "datetime.datetime(".repeat(n / 18)],
  ["token", (n) => "token".repeat(n / 5)],
  ["home dirs", (n) => "/home/".repeat(n / 6)],
  ["hex prefixes", (n) => "0x".repeat(n / 2)],
  ["percent signs", (n) => "a%".repeat(n / 2)],
];

describe("normalizeMessage runs in linear time", () => {
  it.each(ADVERSARIAL)("%s", (label, makeInput) => {
    assertLinear(label, normalizeMessage, makeInput, { size: SMALL });
  });

  it("looks at no more than 8192 characters of a line", () => {
    assertLinear("long email bomb", normalizeMessage, (n) => "a@" + "a.".repeat(n / 2), { size: 8192 });
  });
});
