import { parseIssueQuery } from "./parse-issue-query";
import { SearchSyntaxError, type SearchFilter } from "./types";

const NOW = new Date("2026-05-10T12:00:00Z");
const parse = (query: string) => parseIssueQuery(query, NOW).filters;
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);

describe("parseIssueQuery: queries and their meaning", () => {
  const table: [string, SearchFilter[]][] = [
    ["", []],
    ["   ", []],
    ["is:unresolved", [{ kind: "status", negated: false, values: ["unresolved"] }]],
    ["is:resolved", [{ kind: "status", negated: false, values: ["resolved"] }]],
    ["is:ignored", [{ kind: "status", negated: false, values: ["ignored"] }]],
    ["is:archived", [{ kind: "status", negated: false, values: ["ignored"] }]],
    ["!is:resolved", [{ kind: "status", negated: true, values: ["resolved"] }]],
    ["is:[resolved,ignored]", [{ kind: "status", negated: false, values: ["resolved", "ignored"] }]],
    ["is:assigned", [{ kind: "assigned", negated: false, match: { type: "any" } }]],
    ["is:unassigned", [{ kind: "assigned", negated: false, match: { type: "none" } }]],
    ["is:bookmarked", [{ kind: "bookmarked", negated: false, match: { type: "me" } }]],
    ["!is:bookmarked", [{ kind: "bookmarked", negated: true, match: { type: "me" } }]],
    ["bookmarks:me", [{ kind: "bookmarked", negated: false, match: { type: "me" } }]],
    [
      "bookmarks:Ana@Example.com",
      [{ kind: "bookmarked", negated: false, match: { type: "email", email: "ana@example.com" } }],
    ],
    ["assigned:me", [{ kind: "assigned", negated: false, match: { type: "me" } }]],
    [
      "assigned:Ana@Example.com",
      [{ kind: "assigned", negated: false, match: { type: "email", email: "ana@example.com" } }],
    ],
    ["!assigned:me", [{ kind: "assigned", negated: true, match: { type: "me" } }]],
    ["assigned:#Mobile-Apps", [{ kind: "assigned", negated: false, match: { type: "team", slug: "mobile-apps" } }]],
    ["assigned:my_teams", [{ kind: "assigned", negated: false, match: { type: "my_teams" } }]],
    [
      "assigned:[me, my_teams]",
      [{ kind: "assigned", negated: false, match: { type: "anyOf", matches: [{ type: "me" }, { type: "my_teams" }] } }],
    ],
    ["assigned_or_suggested:me", [{ kind: "assigned", negated: false, match: { type: "me" } }]],
    ["level:error", [{ kind: "level", negated: false, values: ["error"] }]],
    ["level:[warning,fatal]", [{ kind: "level", negated: false, values: ["warning", "fatal"] }]],
    ["environment:production", [{ kind: "tag", key: "environment", negated: false, values: ["production"] }]],
    ["!environment:staging", [{ kind: "tag", key: "environment", negated: true, values: ["staging"] }]],
    ["release:shop@1.2.0", [{ kind: "tag", key: "release", negated: false, values: ["shop@1.2.0"] }]],
    ["browser:Chrome", [{ kind: "tag", key: "browser", negated: false, values: ["Chrome"] }]],
    ['browser:"Chrome 120"', [{ kind: "tag", key: "browser", negated: false, values: ["Chrome 120"] }]],
    ['url:"http://a.example/x"', [{ kind: "tag", key: "url", negated: false, values: ["http://a.example/x"] }]],
    ["user.id:42", [{ kind: "user", field: "id", negated: false, values: ["42"] }]],
    ["user.email:ana@example.com", [{ kind: "user", field: "email", negated: false, values: ["ana@example.com"] }]],
    ["user.ip:10.0.0.1", [{ kind: "user", field: "ip", negated: false, values: ["10.0.0.1"] }]],
    ["has:browser", [{ kind: "has", negated: false, key: "browser" }]],
    ["!has:user", [{ kind: "has", negated: true, key: "user" }]],
    ["firstSeen:-24h", [{ kind: "date", field: "firstSeen", op: ">=", date: hoursAgo(24) }]],
    ["lastSeen:+7d", [{ kind: "date", field: "lastSeen", op: "<=", date: hoursAgo(24 * 7) }]],
    ["age:-30m", [{ kind: "date", field: "firstSeen", op: ">=", date: hoursAgo(0.5) }]],
    ["lastSeen:>2026-05-01", [{ kind: "date", field: "lastSeen", op: ">", date: new Date("2026-05-01T00:00:00Z") }]],
    [
      "firstSeen:<=2026-05-01T10:30:00Z",
      [{ kind: "date", field: "firstSeen", op: "<=", date: new Date("2026-05-01T10:30:00Z") }],
    ],
    [
      "firstSeen:2026-05-01",
      [
        {
          kind: "date",
          field: "firstSeen",
          op: ">=",
          date: new Date("2026-05-01T00:00:00Z"),
          until: new Date("2026-05-02T00:00:00Z"),
        },
      ],
    ],
    ["times_seen:>10", [{ kind: "timesSeen", op: ">", value: 10 }]],
    ["timesSeen:<=3", [{ kind: "timesSeen", op: "<=", value: 3 }]],
    ["times_seen:5", [{ kind: "timesSeen", op: "=", value: 5 }]],
    ["TypeError", [{ kind: "text", negated: false, value: "TypeError" }]],
    ['"card declined"', [{ kind: "text", negated: false, value: "card declined" }]],
    ['"say \\"hi\\""', [{ kind: "text", negated: false, value: 'say "hi"' }]],
    ["!timeout", [{ kind: "text", negated: true, value: "timeout" }]],
    [
      "is:unresolved  level:error card",
      [
        { kind: "status", negated: false, values: ["unresolved"] },
        { kind: "level", negated: false, values: ["error"] },
        { kind: "text", negated: false, value: "card" },
      ],
    ],
  ];

  it.each(table)("%j", (query, expected) => {
    expect(parse(query)).toEqual(expected);
  });
});

describe("parseIssueQuery: errors point at the offending term", () => {
  const errors: [string, string, string][] = [
    ["is:sometimes", "is:sometimes", "is: expects"],
    ["level:loud", "level:loud", 'unknown level "loud"'],
    ["bookmarks:[me,ana@example.com]", "bookmarks:[me,ana@example.com]", "bookmarks: takes one value"],
    ["assigned:#Not_A_Team", "assigned:#Not_A_Team", "is not a team"],
    ["times_seen:many", "times_seen:many", "expects a number"],
    ["firstSeen:yesterday", "firstSeen:yesterday", "expects -24h"],
    ["!lastSeen:-1d", "!lastSeen:-1d", "cannot be negated"],
    ['browser:"Chrome', 'browser:"Chrome', "unterminated quote"],
    ["level:[error", "level:[error", "unterminated [list]"],
    ["environment:", "environment:", "needs a value"],
    [":value", ":value", "missing key"],
    ["a$b:c", "a$b:c", "invalid key"],
    ["level:[error,]", "level:[error,]", "empty value"],
  ];

  it.each(errors)("%j", (query, token, reason) => {
    let error: unknown;
    try {
      parse(`is:unresolved ${query}`);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SearchSyntaxError);
    const syntax = error as SearchSyntaxError;
    expect(syntax.token).toBe(token);
    expect(syntax.position).toBe("is:unresolved ".length);
    expect(syntax.message).toContain(reason);
  });
});
