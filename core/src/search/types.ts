/** A parsed issue search (Sentry's issue search syntax), ready to be compiled to a query. */

export type IssueStatusValue = "unresolved" | "resolved" | "ignored";
export type Comparison = ">" | ">=" | "<" | "<=" | "=";

export type AssigneeMatch = { type: "me" } | { type: "none" } | { type: "any" } | { type: "email"; email: string };

/**
 * Who an issue is assigned to: a person (or nobody, anybody) as above, one of the caller's teams
 * (`my_teams`), a team by slug (`#mobile`), or any of a list (`assigned:[me, my_teams]`).
 */
export type AssignedMatch =
  AssigneeMatch | { type: "my_teams" } | { type: "team"; slug: string } | { type: "anyOf"; matches: AssignedMatch[] };

export type UserField = "id" | "email" | "username" | "ip";

export type SearchFilter =
  | { kind: "status"; negated: boolean; values: IssueStatusValue[] }
  | { kind: "assigned"; negated: boolean; match: AssignedMatch }
  /** Bookmarked by the caller (`is:bookmarked`, `bookmarks:me`) or by a user given by email. */
  | { kind: "bookmarked"; negated: boolean; match: AssigneeMatch }
  | { kind: "level"; negated: boolean; values: string[] }
  /** Any event tag, including environment and release (Sentry stores those as tags too). */
  | { kind: "tag"; key: string; negated: boolean; values: string[] }
  | { kind: "user"; field: UserField; negated: boolean; values: string[] }
  | { kind: "has"; negated: boolean; key: string }
  | { kind: "date"; field: "firstSeen" | "lastSeen"; op: Comparison; date: Date; until?: Date }
  | { kind: "timesSeen"; op: Comparison; value: number }
  /** Free text: matches title, culprit and the message (case-insensitive substring). */
  | { kind: "text"; negated: boolean; value: string };

export interface ParsedIssueQuery {
  filters: SearchFilter[];
}

/** A query Faultline cannot read; `token` is the offending piece, `position` its offset. */
export class SearchSyntaxError extends Error {
  override readonly name = "SearchSyntaxError";
  constructor(
    readonly reason: string,
    readonly token: string,
    readonly position: number,
  ) {
    super(`invalid search at "${token}" (position ${position}): ${reason}`);
  }
}
