import { assertLinear } from "../../testing/linearity";
import { browserFromClientHints } from "./client-hints";
import { MAX_USER_AGENT_LENGTH, parseUserAgentUncached } from "./parse-user-agent";

// Shapes that make backtracking regexes slow: long runs of what the patterns' `.*`, `[^;]*`,
// `\d+` and ` *` repeat over, each next to a prefix that gets a pattern past its first token.
// 32 → 512 characters covers everything the parser reads (MAX_USER_AGENT_LENGTH); past that the
// cut keeps the work constant. Some patterns use bounded repeats (`.{0,200}?`), so one pattern
// alone may grow faster inside this range; what is checked is the whole parse, which a single
// runaway pattern would still dominate.
const HOSTILE_USER_AGENTS: [string, (n: number) => string][] = [
  ["spaces", (n) => " ".repeat(n)],
  ["semicolons", (n) => "; ".repeat(n / 2)],
  ["open parentheses", (n) => "(".repeat(n)],
  ["a Mozilla prefix then words", (n) => `Mozilla/5.0 (${"a ".repeat(n / 2)}`],
  ["dotted digits", (n) => "1.".repeat(n / 2)],
  ["an Android device without Build", (n) => `Mozilla/5.0 (Linux; Android 13; ${"S".repeat(n)}`],
  ["repeated Build markers", (n) => "; x Build".repeat(n / 9)],
  ["slashes", (n) => "a/".repeat(n / 2)],
  ["versions without an end", (n) => `Chrome/${"9".repeat(n)}`],
  ["iPhone OS underscores", (n) => `(iPhone; CPU iPhone OS ${"1_".repeat(n / 2)}`],
  ["mixed case letters", (n) => "aB".repeat(n / 2)],
  ["dashes and tabs", (n) => "-\t".repeat(n / 2)],
];

describe("parseUserAgent runs in linear time on hostile User-Agents", () => {
  beforeAll(() => parseUserAgentUncached("warm up the compiled patterns"));

  it("reads up to the length it parses", () => {
    expect(MAX_USER_AGENT_LENGTH).toBe(32 * 16);
  });

  it.each(HOSTILE_USER_AGENTS)("%s", (label, makeUserAgent) => {
    assertLinear(label, parseUserAgentUncached, makeUserAgent, { size: 32 });
  });

  it("client hints", () => {
    assertLinear("Sec-CH-UA", browserFromClientHints, (n) => `"${'"";v='.repeat(n / 5)}`, { size: 512 });
  });
});
