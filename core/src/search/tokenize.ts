import { SearchSyntaxError } from "./types";

/** One whitespace-separated term: `!key:value`, `key:"quoted value"`, `key:[a, b]` or free text. */
export interface SearchToken {
  raw: string;
  position: number;
  negated: boolean;
  key?: string;
  /** The value with quotes removed; for lists, each element. */
  values: string[];
  /** Whether the value was a [list]. */
  isList: boolean;
}

const KEY = /^[a-zA-Z0-9_.-]+$/;

/**
 * Terms one query may hold (each value of a [list] counts as one). Every term is a condition
 * over the issue or event tables; a few hundred of them keep PostgreSQL busy for seconds.
 */
export const MAX_SEARCH_TERMS = 50;

/**
 * Splits a query into terms the way Sentry's grammar does: whitespace separates terms except
 * inside double quotes and [lists]; `\"` escapes a quote.
 */
export function tokenize(query: string): SearchToken[] {
  const tokens: SearchToken[] = [];
  let terms = 0;
  let i = 0;
  while (i < query.length) {
    if (/\s/.test(query[i] ?? "")) {
      i++;
      continue;
    }
    const start = i;
    let inQuotes = false;
    let inList = false;
    while (i < query.length) {
      const ch = query[i];
      if (ch === "\\" && inQuotes) {
        i += 2;
        continue;
      }
      if (ch === '"') inQuotes = !inQuotes;
      else if (!inQuotes && ch === "[") inList = true;
      else if (!inQuotes && ch === "]") inList = false;
      else if (!inQuotes && !inList && ch !== undefined && /\s/.test(ch)) break;
      i++;
    }
    const raw = query.slice(start, i);
    if (inQuotes) throw new SearchSyntaxError("unterminated quote", raw, start);
    if (inList) throw new SearchSyntaxError("unterminated [list]", raw, start);
    const token = toToken(raw, start);
    terms += token.values.length;
    if (terms > MAX_SEARCH_TERMS)
      throw new SearchSyntaxError(`a query holds at most ${MAX_SEARCH_TERMS} terms`, raw, start);
    tokens.push(token);
  }
  return tokens;
}

function toToken(raw: string, position: number): SearchToken {
  const negated = raw.startsWith("!");
  const body = negated ? raw.slice(1) : raw;
  if (body.startsWith('"')) return { raw, position, negated, values: [unquote(body, raw, position)], isList: false };
  // The key ends at the first colon ("user.email:a@b.c", "url:\"http://x\"").
  const colon = body.indexOf(":");
  if (colon === 0) throw new SearchSyntaxError("missing key before ':'", raw, position);
  if (colon === -1) return { raw, position, negated, values: [body], isList: false };
  const key = body.slice(0, colon);
  const value = body.slice(colon + 1);
  if (!KEY.test(key)) throw new SearchSyntaxError("invalid key", raw, position);
  if (value === "") throw new SearchSyntaxError(`"${key}:" needs a value`, raw, position);
  if (value.startsWith("[")) {
    if (!value.endsWith("]")) throw new SearchSyntaxError("a [list] must end the term", raw, position);
    const values = splitList(value.slice(1, -1)).map((item) => unquote(item.trim(), raw, position));
    if (values.length === 0 || values.some((item) => item === ""))
      throw new SearchSyntaxError("empty value in [list]", raw, position);
    return { raw, position, negated, key, values, isList: true };
  }
  return { raw, position, negated, key, values: [unquote(value, raw, position)], isList: false };
}

function splitList(inner: string): string[] {
  const items: string[] = [];
  let current = "";
  let inQuotes = false;
  for (const ch of inner) {
    if (ch === '"') inQuotes = !inQuotes;
    if (ch === "," && !inQuotes) {
      items.push(current);
      current = "";
    } else current += ch;
  }
  items.push(current);
  return items;
}

function unquote(value: string, raw: string, position: number): string {
  if (!value.startsWith('"')) return value;
  if (value.length < 2 || !value.endsWith('"') || value.endsWith('\\"'))
    throw new SearchSyntaxError("text after a closing quote", raw, position);
  return value.slice(1, -1).replace(/\\"/g, '"');
}
