import { MAX_DATE_MS, MAX_DURATION_MS } from "../api-contracts/numbers";
import type { Comparison } from "./types";

/** Dates a search may name: what PostgreSQL and a JavaScript Date both hold, and no data is older. */
const EARLIEST_MS = Date.UTC(1970, 0, 1);
const LATEST_MS = MAX_DATE_MS;

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

export interface DateBound {
  op: Comparison;
  date: Date;
  /** For a bare day ("2024-05-01"): the end of that day (exclusive). */
  until?: Date;
}

/**
 * Sentry's date filter values: `-24h` (within the last 24 hours), `+7d` (older than 7 days),
 * `>2024-05-01`, `<=2024-05-01T12:00:00Z`, or a bare day (that whole UTC day).
 * Returns undefined for anything else.
 */
export function parseDateValue(value: string, now: Date): DateBound | undefined {
  const relative = /^([+-])(\d+)([smhdw])$/.exec(value);
  if (relative) {
    const [, sign, amount, unit] = relative;
    const span = Number(amount) * (UNIT_MS[unit ?? "d"] ?? 0);
    if (!(span <= MAX_DURATION_MS)) return undefined;
    const date = new Date(Math.max(now.getTime() - span, EARLIEST_MS));
    return { op: sign === "-" ? ">=" : "<=", date };
  }
  const compared = /^(>=|<=|>|<|=)?(.+)$/.exec(value);
  const op = (compared?.[1] ?? "=") as Comparison;
  const text = compared?.[2] ?? "";
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) return undefined;
  const isDay = text.length === 10;
  const date = new Date(isDay ? `${text}T00:00:00Z` : /Z|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text}Z`);
  if (Number.isNaN(date.getTime()) || date.getTime() < EARLIEST_MS || date.getTime() > LATEST_MS) return undefined;
  if (op === "=" && isDay) return { op: ">=", date, until: new Date(date.getTime() + UNIT_MS.d!) };
  return { op, date };
}
