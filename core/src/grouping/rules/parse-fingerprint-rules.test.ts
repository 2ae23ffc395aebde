import { parseFingerprintRules } from "./parse-fingerprint-rules";

describe("parseFingerprintRules", () => {
  it("parses the documented examples", () => {
    const { rules, errors } = parseFingerprintRules(
      [
        "error.type:ChunkLoadError -> chunkloaderror",
        'error.value:"*timeout*" -> timeout, {{ default }}',
        'tags.browser:Chrome message:"*foo*" -> chrome-foo',
        "stack.function:handle* -> handlers",
      ].join("\n"),
    );
    expect(errors).toEqual([]);
    expect(rules.map((rule) => [rule.matchers.map((m) => `${m.key}=${m.pattern}`), rule.fingerprint])).toEqual([
      [["error.type=ChunkLoadError"], ["chunkloaderror"]],
      [["error.value=*timeout*"], ["timeout", "{{ default }}"]],
      [["tags.browser=Chrome", "message=*foo*"], ["chrome-foo"]],
      [["stack.function=handle*"], ["handlers"]],
    ]);
  });

  it("skips blank lines and comments, keeps line numbers", () => {
    const { rules, errors } = parseFingerprintRules("# grouping rules\n\n  logger:celery.* -> celery  # trailing\n");
    expect(errors).toEqual([]);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ line: 3, fingerprint: ["celery"], text: "logger:celery.* -> celery" });
  });

  it("keeps # and spaces inside quotes, and escaped quotes", () => {
    const { rules } = parseFingerprintRules('message:"issue #42 \\"x\\"" -> "forty two", b');
    expect(rules[0]?.matchers[0]?.pattern).toBe('issue #42 "x"');
    expect(rules[0]?.fingerprint).toEqual(["forty two", "b"]);
  });

  it("accepts short aliases and negation", () => {
    const { rules } = parseFingerprintRules("type:ValueError !function:test_* path:**/app/** -> x");
    expect(rules[0]?.matchers).toEqual([
      { key: "error.type", pattern: "ValueError", negated: false },
      { key: "stack.function", pattern: "test_*", negated: true },
      { key: "stack.abs_path", pattern: "**/app/**", negated: false },
    ]);
  });

  it.each([
    ["error.type:X", 'line 1: expected "->" followed by the fingerprint'],
    ["-> x", 'line 1: expected at least one matcher (like error.type:ValueError) before "->"'],
    ["error.type:X ->", 'line 1: expected a fingerprint after "->"'],
    [
      "colour:red -> x",
      'line 1: unknown matcher "colour"; use error.type, error.value, message, logger, level, tags.<key>, stack.function, stack.module or stack.abs_path',
    ],
    ["error.type: -> x", 'line 1: matcher "error.type" has no value'],
    ['message:"open -> x', "line 1: unterminated quote"],
    ["ValueError -> x", 'line 1: "ValueError" is not a matcher; write key:value, e.g. error.type:ValueError'],
    ["error.type:X -> {{ nope }}", 'line 1: unknown variable "{{ nope }}"'],
    ["error.type:X -> a -> b", 'line 1: "->" appears twice'],
  ])("reports %p", (text, message) => {
    expect(parseFingerprintRules(text)).toEqual({ rules: [], errors: [{ line: 1, message }] });
  });

  it("keeps the good rules when one line is bad", () => {
    const { rules, errors } = parseFingerprintRules("error.type:A -> a\nnonsense\nerror.type:B -> b");
    expect(rules.map((rule) => rule.fingerprint[0])).toEqual(["a", "b"]);
    expect(errors.map((error) => error.line)).toEqual([2]);
  });
});
