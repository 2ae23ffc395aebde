import { z } from "zod";

/**
 * The ranges numbers from a request must fit before they reach a query. PostgreSQL rejects a
 * parameter outside its column's type with an error (a 500 if it gets that far), and JavaScript
 * turns long digit strings into imprecise floats: every numeric input is checked here first.
 */
export const INT4_MAX = 2_147_483_647;
export const INT8_MAX = 9_223_372_036_854_775_807n;
/**
 * Latest instant a date from a request may name: the end of year 9999. Later Dates serialize as
 * "+275760-..." ISO strings that PostgreSQL does not read.
 */
export const MAX_DATE_MS = Date.UTC(10000, 0, 1) - 1;
/** Relative durations (`-24h`, `statsPeriod=14d`): a century is more than any data kept. */
export const MAX_DURATION_MS = 100 * 365 * 86_400_000;

/** Plain decimal digits only: no sign, blanks, exponent, hex or fraction ("1e5", " 1", "0x10"). */
const DIGITS = /^\d{1,19}$/;

/** A row id of an `integer` column (projects, rules, members, tokens): 1..2^31-1. */
export function parseInt4Id(raw: string): number | undefined {
  if (!DIGITS.test(raw)) return undefined;
  const value = Number(raw);
  return value >= 1 && value <= INT4_MAX ? value : undefined;
}

/** A row id of a `bigint` column (issues, events, deliveries, attachments): 1..2^63-1. */
export function parseInt8Id(raw: string): bigint | undefined {
  if (!DIGITS.test(raw)) return undefined;
  const value = BigInt(raw);
  return value >= 1n && value <= INT8_MAX ? value : undefined;
}

/** A signed `bigint` (keyset cursor positions): -(2^63-1)..2^63-1. */
export function parseInt8(raw: string): bigint | undefined {
  if (!/^-?\d{1,19}$/.test(raw)) return undefined;
  const value = BigInt(raw);
  return value >= -INT8_MAX && value <= INT8_MAX ? value : undefined;
}

/** A count or offset that fits an `integer` (0..2^31-1). */
export function parseInt4Count(raw: string): number | undefined {
  if (!DIGITS.test(raw)) return undefined;
  const value = Number(raw);
  return value <= INT4_MAX ? value : undefined;
}

/** Query-string forms of the above for zod schemas (`?rule=`, `?limit=`). */
export const int4IdParam = z
  .string()
  .transform((raw, ctx) => parseInt4Id(raw) ?? invalid(ctx, `must be an id between 1 and ${INT4_MAX}`));
export const int8IdParam = z
  .string()
  .transform((raw, ctx) => parseInt8Id(raw) ?? invalid(ctx, "must be an id between 1 and 9223372036854775807"));

export function boundedIntParam(min: number, max: number) {
  return z.string().transform((raw, ctx) => {
    const value = parseInt4Count(raw);
    return value !== undefined && value >= min && value <= max
      ? value
      : invalid(ctx, `must be a whole number between ${min} and ${max}`);
  });
}

function invalid(ctx: z.RefinementCtx, message: string): never {
  ctx.addIssue({ code: "custom", message });
  return z.NEVER;
}

/** An `integer` row id given as a JSON number or a string (`{"tokenId": 12}`, a path segment). */
export const int4Id = z.union([z.number().int().min(1).max(INT4_MAX), int4IdParam]);
