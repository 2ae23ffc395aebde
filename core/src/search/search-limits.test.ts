import { MAX_SEARCH_TERMS } from "./tokenize";
import { parseIssueQuery } from "./parse-issue-query";
import { SearchSyntaxError } from "./types";

const NOW = new Date("2026-05-10T12:00:00Z");
const parse = (query: string) => parseIssueQuery(query, NOW).filters;

describe("search limits", () => {
  test(`${MAX_SEARCH_TERMS} terms are read, one more is refused naming the limit`, () => {
    expect(parse(Array(MAX_SEARCH_TERMS).fill("!has:x").join(" "))).toHaveLength(MAX_SEARCH_TERMS);
    // The 51st term starts after 50 terms of "!has:x ".
    expect(() => parse(Array(700).fill("!has:x").join(" "))).toThrow(
      new SearchSyntaxError(`a query holds at most ${MAX_SEARCH_TERMS} terms`, "!has:x", 50 * 7),
    );
  });

  test("each value of a [list] counts as a term", () => {
    const list = `release:[${Array.from({ length: MAX_SEARCH_TERMS + 1 }, (_, n) => `r${n}`).join(",")}]`;
    expect(() => parse(list)).toThrow(/at most 50 terms/);
  });

  test.each([
    "times_seen:>2147483648",
    "times_seen:99999999999999999999",
    "times_seen:>1e23",
    "lastSeen:-99999999999d",
    "firstSeen:+9999999999999999w",
    "lastSeen:>0999-01-01",
    "lastSeen:>1969-12-31",
  ])("%s is a syntax error, not a query that cannot run", (query) => {
    expect(() => parse(query)).toThrow(SearchSyntaxError);
  });

  test("the largest values that fit are read", () => {
    expect(parse("times_seen:>2147483647")).toEqual([{ kind: "timesSeen", op: ">", value: 2147483647 }]);
    expect(parse("lastSeen:-36500d")).toEqual([
      { kind: "date", field: "lastSeen", op: ">=", date: new Date(Date.UTC(1970, 0, 1)) },
    ]);
    expect(parse("lastSeen:<9999-12-31")).toEqual([
      { kind: "date", field: "lastSeen", op: "<", date: new Date("9999-12-31T00:00:00Z") },
    ]);
  });
});
