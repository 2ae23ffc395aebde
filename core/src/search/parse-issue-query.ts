import { INT4_MAX, parseInt4Count } from "../api-contracts/numbers";
import { parseDateValue } from "./parse-date";
import { tokenize, type SearchToken } from "./tokenize";
import {
  SearchSyntaxError,
  type AssignedMatch,
  type AssigneeMatch,
  type Comparison,
  type IssueStatusValue,
  type ParsedIssueQuery,
  type SearchFilter,
  type UserField,
} from "./types";

const STATUS_VALUES: Record<string, IssueStatusValue> = {
  unresolved: "unresolved",
  resolved: "resolved",
  ignored: "ignored",
  archived: "ignored",
  muted: "ignored",
};
const LEVELS = new Set(["debug", "info", "warning", "error", "fatal", "sample"]);
const USER_FIELDS: Record<string, UserField> = {
  "user.id": "id",
  "user.email": "email",
  "user.username": "username",
  "user.ip": "ip",
};
const DATE_KEYS: Record<string, "firstSeen" | "lastSeen"> = {
  firstSeen: "firstSeen",
  first_seen: "firstSeen",
  age: "firstSeen",
  lastSeen: "lastSeen",
  last_seen: "lastSeen",
};
/** Keys that are a date or number in Sentry: a bad value is an error, not a tag search. */
const NUMBER_KEYS = new Set(["times_seen", "timesSeen"]);

/**
 * Parses Sentry's issue search syntax. Any key Faultline does not know as a field is a tag
 * (`browser:Chrome`, `environment:prod`), as in Sentry; values it cannot read for a known key
 * (`is:sometimes`, `times_seen:many`) throw a SearchSyntaxError naming the term.
 */
export function parseIssueQuery(query: string, now: Date): ParsedIssueQuery {
  const filters: SearchFilter[] = [];
  for (const token of tokenize(query)) filters.push(toFilter(token, now));
  return { filters };
}

function toFilter(token: SearchToken, now: Date): SearchFilter {
  const { key, negated, values } = token;
  const fail = (reason: string): never => {
    throw new SearchSyntaxError(reason, token.raw, token.position);
  };
  if (key === undefined) return { kind: "text", negated, value: values[0] ?? "" };
  if (key === "is") return isFilter(token, fail);
  // Faultline suggests no owners: Sentry's assigned_or_suggested is assigned.
  if (key === "assigned" || key === "assigned_to" || key === "assigned_or_suggested") {
    const matches = values.map((value) => assignedTo(value, fail));
    const match = matches.length === 1 && matches[0] ? matches[0] : { type: "anyOf" as const, matches };
    return { kind: "assigned", negated, match };
  }
  if (key === "bookmarks") {
    if (token.isList) fail("bookmarks: takes one value");
    return { kind: "bookmarked", negated, match: assignee(values[0] ?? "") };
  }
  if (key === "level") {
    const bad = values.find((value) => !LEVELS.has(value));
    if (bad !== undefined) fail(`unknown level "${bad}" (debug, info, warning, error, fatal)`);
    return { kind: "level", negated, values };
  }
  if (key === "has") {
    if (token.isList) fail("has: takes one key");
    return { kind: "has", negated, key: values[0] ?? "" };
  }
  const userField = USER_FIELDS[key];
  if (userField) return { kind: "user", field: userField, negated, values };
  const dateField = DATE_KEYS[key];
  if (dateField) {
    if (negated || token.isList) fail(`${key}: cannot be negated or take a list`);
    const bound = parseDateValue(values[0] ?? "", now);
    if (!bound)
      fail(`${key}: expects -24h, +7d, >2024-05-01 or an ISO date (years 1970 to 9999, at most 100 years back)`);
    return { kind: "date", field: dateField, ...bound! };
  }
  if (NUMBER_KEYS.has(key)) {
    const match = /^(>=|<=|>|<|=)?(\d+)$/.exec(values[0] ?? "");
    if (!match || negated || token.isList) fail(`${key}: expects a number, optionally with > < >= <=`);
    // times_seen is an integer column: a larger bound is a 400 here, not an error in the query.
    const value = parseInt4Count(match![2]!);
    if (value === undefined) fail(`${key}: at most ${INT4_MAX}`);
    return { kind: "timesSeen", op: (match![1] ?? "=") as Comparison, value: value! };
  }
  return { kind: "tag", key, negated, values };
}

function isFilter(token: SearchToken, fail: (reason: string) => never): SearchFilter {
  const { negated, values } = token;
  if (values.every((value) => STATUS_VALUES[value])) {
    return { kind: "status", negated, values: values.map((value) => STATUS_VALUES[value]!) };
  }
  if (values.length === 1 && values[0] === "assigned") return { kind: "assigned", negated, match: { type: "any" } };
  if (values.length === 1 && values[0] === "unassigned") return { kind: "assigned", negated, match: { type: "none" } };
  // Faultline's shorthand for Sentry's `bookmarks:me`.
  if (values.length === 1 && values[0] === "bookmarked") return { kind: "bookmarked", negated, match: { type: "me" } };
  return fail("is: expects unresolved, resolved, ignored, assigned, unassigned or bookmarked");
}

/** Sentry's assignee values: a person as below, `my_teams`, or a team as `#slug`. */
function assignedTo(value: string, fail: (reason: string) => never): AssignedMatch {
  if (value === "my_teams") return { type: "my_teams" };
  if (value.startsWith("#")) {
    const slug = value.slice(1).toLowerCase();
    if (!/^[a-z0-9][a-z0-9-]{0,49}$/.test(slug)) fail(`assigned: "${value}" is not a team (#team-slug)`);
    return { type: "team", slug };
  }
  return assignee(value);
}

function assignee(value: string): AssigneeMatch {
  if (value === "me") return { type: "me" };
  if (value === "none" || value === "nobody") return { type: "none" };
  return { type: "email", email: value.toLowerCase() };
}
