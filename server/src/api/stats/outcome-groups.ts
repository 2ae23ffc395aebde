import type { OutcomeStatsRow } from "@faultline/db";

export const GROUP_BY_KEYS = ["outcome", "reason", "category", "project"] as const;
export type GroupByKey = (typeof GROUP_BY_KEYS)[number];

/**
 * Outcome names as Sentry's stats_v2 spells them. Faultline stores SDK client reports as
 * `client_discarded` (its counter key); Sentry's API calls that outcome `client_discard`.
 */
const API_NAME: Record<string, string> = { client_discarded: "client_discard" };
const STORED_NAME: Record<string, string> = { client_discard: "client_discarded" };
export const API_OUTCOMES = ["accepted", "filtered", "rate_limited", "invalid", "client_discard"] as const;

export const apiOutcome = (stored: string): string => API_NAME[stored] ?? stored;
export const storedOutcome = (api: string): string => STORED_NAME[api] ?? api;

export interface StatsGroup {
  by: Partial<Record<GroupByKey, string | number>>;
  totals: { "sum(quantity)": number };
  series: { "sum(quantity)": number[] };
}

/**
 * Sums outcome rows into Sentry's stats_v2 groups: one group per distinct combination of the
 * `groupBy` keys (one group with `by: {}` when there are none), each with a series over the
 * buckets from `start`. Groups are ordered by total, largest first, as Sentry's UI lists them.
 */
export function groupOutcomes(
  rows: OutcomeStatsRow[],
  groupBy: readonly GroupByKey[],
  start: number,
  bucketMs: number,
  buckets: number,
): StatsGroup[] {
  const groups = new Map<string, StatsGroup>();
  const groupOf = (by: StatsGroup["by"]) => {
    const key = JSON.stringify(GROUP_BY_KEYS.map((name) => by[name] ?? null));
    let group = groups.get(key);
    if (!group) {
      group = { by, totals: { "sum(quantity)": 0 }, series: { "sum(quantity)": new Array<number>(buckets).fill(0) } };
      groups.set(key, group);
    }
    return group;
  };
  if (groupBy.length === 0) groupOf({});
  for (const row of rows) {
    const slot = Math.floor((row.bucket - start) / bucketMs);
    if (slot < 0 || slot >= buckets) continue;
    const by: StatsGroup["by"] = {};
    for (const name of groupBy) {
      if (name === "outcome") by.outcome = apiOutcome(row.outcome);
      else if (name === "reason") by.reason = row.reason;
      else if (name === "category") by.category = row.category;
      else by.project = row.projectId;
    }
    const group = groupOf(by);
    group.series["sum(quantity)"][slot] = (group.series["sum(quantity)"][slot] ?? 0) + row.quantity;
    group.totals["sum(quantity)"] += row.quantity;
  }
  return [...groups.values()].sort((a, b) => b.totals["sum(quantity)"] - a.totals["sum(quantity)"]);
}
