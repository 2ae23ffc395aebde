import { readFileSync } from "node:fs";
import path from "node:path";

const FIXTURES = path.resolve(__dirname, "../fixtures/sentry-api");

/** A documented Sentry response from test/fixtures/sentry-api (see its README for sources). */
export function sentryExample<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), "utf8")) as T;
}

type JsonType = "null" | "string" | "number" | "boolean" | "array" | "object";

function jsonType(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  const type = typeof value;
  if (type === "string" || type === "number" || type === "boolean") return type;
  return "object";
}

export interface ShapeOptions {
  /** Paths (`a.b`, `list[].c`) where Faultline answers null for what Sentry gives a value. */
  nullable?: string[];
  /** Paths compared by type only, not walked into (objects Faultline fills differently). */
  opaque?: string[];
  /** Paths Faultline knowingly does not answer (a Sentry product it does not have). */
  absent?: string[];
}

/**
 * How `actual` differs from Sentry's `example` in field names and JSON types: every field of
 * the example must be present with the same type. An example value of null allows any type;
 * arrays are compared by their first elements when both have one. Extra fields are allowed.
 * Returns the differences (empty when the shapes agree), as readable paths.
 */
export function shapeDifferences(example: unknown, actual: unknown, options: ShapeOptions = {}, at = ""): string[] {
  const expected = jsonType(example);
  const got = jsonType(actual);
  if (expected === "null") return [];
  if (got !== expected) {
    if (got === "null" && options.nullable?.includes(at)) return [];
    return [`${at || "(root)"}: expected ${expected}, got ${got}`];
  }
  if (options.opaque?.includes(at)) return [];
  if (expected === "array") {
    const [first] = example as unknown[];
    const [mine] = actual as unknown[];
    if (first === undefined || mine === undefined) return [];
    return shapeDifferences(first, mine, options, `${at}[]`);
  }
  if (expected !== "object") return [];
  const theirs = example as Record<string, unknown>;
  const ours = actual as Record<string, unknown>;
  return Object.keys(theirs).flatMap((key) => {
    const child = at ? `${at}.${key}` : key;
    if (!(key in ours)) return options.absent?.includes(child) ? [] : [`${child}: missing`];
    return shapeDifferences(theirs[key], ours[key], options, child);
  });
}
