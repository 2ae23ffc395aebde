/**
 * Suggestions for the issue search bar (Sentry's syntax: `key:value`, `!key:value`, quoted values,
 * free text). Pure: given the query and the caret, it finds the term being typed and offers keys
 * or the values known for its key.
 */
export interface KnownValues {
  /** Values seen for tag keys (environment, release, browser...), most common first. */
  tags: Record<string, string[]>;
}

export interface Suggestion {
  /** What the list shows. */
  label: string;
  /** What replaces the term being typed. */
  text: string;
  description?: string;
}

export interface SuggestionResult {
  start: number;
  end: number;
  suggestions: Suggestion[];
}

const FIXED_VALUES: Record<string, { values: string[]; description: string }> = {
  is: { values: ["unresolved", "resolved", "ignored", "assigned", "unassigned", "bookmarked"], description: "status" },
  level: { values: ["fatal", "error", "warning", "info", "debug"], description: "level" },
  assigned: { values: ["me", "my_teams", "none"], description: "assignee" },
  bookmarks: { values: ["me"], description: "bookmarked by" },
};

const KEY_DESCRIPTIONS: Record<string, string> = {
  "is:": "status: unresolved, resolved, ignored…",
  "level:": "error, warning, fatal…",
  "environment:": "environment tag",
  "release:": "release tag",
  "assigned:": "me, my_teams, #team, none or an email",
  "bookmarks:": "me or an email",
  "has:": "issues whose events have a tag",
  "user.email:": "an affected user's email",
  "firstSeen:": "-24h, >2024-05-01…",
  "lastSeen:": "-1h, -7d…",
  "times_seen:": ">100",
};

/** Keys that are search fields, not tags: their values are fixed or free, never looked up. */
export function isSearchField(key: string): boolean {
  if (key === "environment" || key === "release") return false;
  return FIXED_VALUES[key] !== undefined || KEY_DESCRIPTIONS[`${key}:`] !== undefined;
}

/** The whitespace-separated term around the caret (quotes keep spaces inside a value). */
export function termAt(query: string, caret: number): { start: number; end: number; text: string } {
  let start = 0;
  let inQuote = false;
  for (let i = 0; i < caret; i++) {
    const ch = query[i];
    if (ch === '"') inQuote = !inQuote;
    else if (ch === " " && !inQuote) start = i + 1;
  }
  let end = caret;
  while (end < query.length && (query[end] !== " " || inQuote)) {
    if (query[end] === '"') inQuote = !inQuote;
    end++;
  }
  return { start, end, text: query.slice(start, caret) };
}

function quoteIfNeeded(value: string): string {
  return /[\s",]/.test(value) || value === "" ? `"${value.replace(/"/g, '\\"')}"` : value;
}

export function suggest(query: string, caret: number, known: KnownValues, limit = 8): SuggestionResult {
  const term = termAt(query, caret);
  const negated = term.text.startsWith("!");
  const body = negated ? term.text.slice(1) : term.text;
  const colon = body.indexOf(":");
  const prefix = negated ? "!" : "";
  const result = (suggestions: Suggestion[]) => ({
    start: term.start,
    end: term.end,
    suggestions: suggestions.slice(0, limit),
  });

  if (colon === -1) {
    const keys = new Set([...Object.keys(KEY_DESCRIPTIONS), ...Object.keys(known.tags).map((key) => `${key}:`)]);
    const lower = body.toLowerCase();
    return result(
      [...keys]
        .filter((key) => key.toLowerCase().startsWith(lower) && key.toLowerCase() !== lower)
        .map((key) => ({
          label: `${prefix}${key}`,
          text: `${prefix}${key}`,
          description: KEY_DESCRIPTIONS[key] ?? "tag",
        })),
    );
  }

  const key = body.slice(0, colon);
  const typed = body
    .slice(colon + 1)
    .replace(/^"/, "")
    .toLowerCase();
  const fixed = FIXED_VALUES[key];
  const values = fixed ? fixed.values : (known.tags[key] ?? []);
  const description = fixed?.description ?? key;
  return result(
    values
      .filter((value) => value.toLowerCase().startsWith(typed) && value.toLowerCase() !== typed)
      .map((value) => ({
        label: `${prefix}${key}:${value}`,
        text: `${prefix}${key}:${quoteIfNeeded(value)}`,
        description,
      })),
  );
}

/**
 * The query with the term replaced by the suggestion. A key (`level:`) leaves the caret after the
 * colon so its value can follow; a complete term gets a trailing space for the next one.
 */
export function applySuggestion(query: string, result: SuggestionResult, suggestion: Suggestion) {
  const before = query.slice(0, result.start);
  const after = query.slice(result.end).replace(/^ +/, "");
  const isKey = suggestion.text.endsWith(":");
  const inserted = isKey ? suggestion.text : `${suggestion.text} `;
  return { query: `${before}${inserted}${after}`, caret: before.length + inserted.length };
}
