import { errorEvent } from "../../__fixtures__/event-factory";
import { assertLinear } from "../../testing/linearity";
import { applyFingerprintRules } from "./apply-fingerprint-rules";
import { compileGlob, type GlobOptions } from "./glob";
import { parseFingerprintRules } from "./parse-fingerprint-rules";

/**
 * The globs' meaning as a regular expression, the way they used to be compiled. Fine as a
 * reference on short texts; on long ones it backtracks for ages, which is why it was replaced.
 */
function referenceRegExp(pattern: string, options: GlobOptions): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === "*") {
      const double = pattern[i + 1] === "*";
      if (double) i++;
      source += options.path && !double ? "[^/\\\\]*" : "[\\s\\S]*";
    } else if (char === "?") {
      source += options.path ? "[^/\\\\]" : "[\\s\\S]";
    } else if (char === "[" && pattern.indexOf("]", i + 2) !== -1) {
      const end = pattern.indexOf("]", i + 2);
      const body = pattern.slice(i + 1, end).replace(/\\/g, "\\\\");
      source += body.startsWith("!") ? `[^${body.slice(1)}]` : `[${body}]`;
      i = end;
    } else {
      source += char.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}$`, options.ignoreCase ? "i" : "");
}

describe("compileGlob", () => {
  it.each<[string, string, GlobOptions, boolean]>([
    ["*timeout*", "read timeout after 3s", {}, true],
    ["*timeout*", "read TIMEOUT", {}, false],
    ["*timeout*", "read TIMEOUT", { ignoreCase: true }, true],
    ["chunk ?? failed", "chunk 42 failed", {}, true],
    ["chunk ?? failed", "chunk 4 failed", {}, false],
    ["[abc]x", "bx", {}, true],
    ["[!abc]x", "bx", {}, false],
    ["[!abc]x", "dx", {}, true],
    ["[a-c]x", "Bx", { ignoreCase: true }, true],
    ["a.b", "axb", {}, false],
    ["*", "", {}, true],
    ["", "", {}, true],
    ["", "x", {}, false],
    ["line*", "line one\nline two", {}, true],
    ["**/app/*.ts", "webpack:///./src/app/router.ts", { path: true }, true],
    ["*/app/*.ts", "webpack:///./src/app/router.ts", { path: true }, false],
    ["src/*.ts", "src/app/router.ts", { path: true }, false],
    ["src/**.ts", "src/app/router.ts", { path: true }, true],
    ["src/?pp/*", "src\\app\\x", { path: true }, false],
    ["src?app*", "src/app/x", {}, true],
    ["C:\\*\\app.py", "c:\\Users\\app.py", { path: true, ignoreCase: true }, true],
    ["straße", "STRASSE", { ignoreCase: true }, false],
    ["café", "CAFÉ", { ignoreCase: true }, true],
  ])("%p against %p %j: %p", (pattern, text, options, expected) => {
    expect(compileGlob(pattern, options).matches(text)).toBe(expected);
    expect(referenceRegExp(pattern, options).test(text)).toBe(expected);
  });

  it("agrees with the regular-expression reading on random short globs and texts", () => {
    const patternParts = ["a", "b", "A", "*", "**", "?", "/", "\\", "[ab]", "[!a/]", "[a-c]", "é", "É", ".", "["];
    const textParts = ["a", "b", "A", "B", "/", "\\", "é", "É", "c", ".", "[", "\n"];
    let seed = 7;
    const pick = <T>(items: readonly T[]): T => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return items[seed % items.length] as T;
    };
    for (let i = 0; i < 20000; i++) {
      const pattern = Array.from({ length: 1 + (i % 6) }, () => pick(patternParts)).join("");
      const text = Array.from({ length: i % 9 }, () => pick(textParts)).join("");
      const options = { ignoreCase: i % 2 === 0, path: i % 4 < 2 };
      const expected = referenceRegExp(pattern, options).test(text);
      if (compileGlob(pattern, options).matches(text) !== expected) {
        throw new Error(
          `${JSON.stringify(pattern)} ${JSON.stringify(options)} on ${JSON.stringify(text)}: want ${expected}`,
        );
      }
    }
  });
});

describe("fingerprint-rule matching runs in linear time", () => {
  const rulesFor = (text: string) => parseFingerprintRules(text).rules;

  // Sizes stay under what event normalization keeps (8192 for values, 2048 for frame paths).
  it.each([
    ["many wildcards", 'error.value:"*a*a*a*a*a*b" -> x', 512, (n: number) => errorEvent({ value: "a".repeat(n) })],
    ["wildcards and ?", 'message:"*a?a*a?a*a?b" -> x', 512, (n: number) => errorEvent({ value: "a".repeat(n) })],
    [
      "classes",
      'error.value:"*[ab]*[ab]*[ab]*[ab]*c" -> x',
      512,
      (n: number) => errorEvent({ value: "ab".repeat(n / 2) }),
    ],
    [
      "path segments",
      "stack.abs_path:**/*a*a*a*b -> x",
      128,
      (n: number) => errorEvent({ frames: [{ function: "f", abs_path: `/src/${"a".repeat(n)}` }] }),
    ],
  ])("%s", (label, rule, size, makeEvent) => {
    const rules = rulesFor(rule);
    expect(rules).toHaveLength(1);
    assertLinear(label, (event: ReturnType<typeof errorEvent>) => applyFingerprintRules(event, rules), makeEvent, {
      size,
    });
  });
});
