import { describe, expect, it } from "vitest";
import { applySuggestion, suggest, termAt, type KnownValues } from "./suggest";

const known: KnownValues = {
  tags: { environment: ["production", "staging"], release: ["shop@1.0.0", "shop@1.1.0"], browser: ["Chrome 120"] },
};
const texts = (query: string, caret = query.length) => suggest(query, caret, known).suggestions.map((s) => s.text);

describe("search suggestions", () => {
  it("offers keys for an empty term, including known tag keys", () => {
    const keys = texts("");
    expect(keys).toEqual(expect.arrayContaining(["is:", "level:", "environment:", "release:"]));
    expect(suggest("", 0, known, 100).suggestions.map((s) => s.text)).toContain("browser:");
  });

  it("narrows keys by what is typed, and keeps a negation", () => {
    expect(texts("le")).toEqual(["level:"]);
    expect(texts("!env")).toEqual(["!environment:"]);
    expect(texts("is:unresolved rel")).toEqual(["release:"]);
  });

  it("offers the fixed values of is: and level:", () => {
    expect(texts("is:")).toEqual([
      "is:unresolved",
      "is:resolved",
      "is:ignored",
      "is:assigned",
      "is:unassigned",
      "is:bookmarked",
    ]);
    expect(texts("is:re")).toEqual(["is:resolved"]);
    expect(texts("level:w")).toEqual(["level:warning"]);
  });

  it("offers known environment and release values; quotes values with spaces", () => {
    expect(texts("environment:")).toEqual(["environment:production", "environment:staging"]);
    expect(texts("release:shop@1.1")).toEqual(["release:shop@1.1.0"]);
    expect(texts("browser:ch")).toEqual(['browser:"Chrome 120"']);
  });

  it("offers nothing for a complete value or an unknown key", () => {
    expect(texts("level:error")).toEqual([]);
    expect(texts("nosuchkey:x")).toEqual([]);
  });

  it("finds the term under the caret, quotes keeping spaces", () => {
    expect(termAt('a browser:"Chrome 1', 19)).toEqual({ start: 2, end: 19, text: 'browser:"Chrome 1' });
    expect(termAt("is:unresolved lev", 5)).toMatchObject({ start: 0, text: "is:un" });
  });

  it("replaces the term: keys keep the caret after the colon, values add a space", () => {
    const query = "is:unresolved lev";
    const result = suggest(query, query.length, known);
    const key = applySuggestion(query, result, result.suggestions[0]!);
    expect(key).toEqual({ query: "is:unresolved level:", caret: 20 });
    const valueResult = suggest(key.query, key.caret, known);
    const value = applySuggestion(key.query, valueResult, valueResult.suggestions[0]!);
    expect(value.query).toBe("is:unresolved level:fatal ");
  });

  it("edits a term in the middle without touching the rest", () => {
    const query = "is:un level:error";
    const result = suggest(query, 5, known);
    expect(applySuggestion(query, result, result.suggestions[0]!).query).toBe("is:unresolved level:error");
  });
});
