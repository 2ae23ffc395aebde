import type { Issue } from "../../api/types";

type Series = NonNullable<Issue["stats"]>[keyof NonNullable<Issue["stats"]>];

interface SeenCounts {
  count: string;
  userCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

/** A list entry with Sentry's `lifetime` and `filtered` numbers (see docs/web-api.md). */
export type ListedIssue = Issue & {
  lifetime?: SeenCounts;
  filtered?: (SeenCounts & { stats?: Partial<Record<string, Series>> }) | null;
};

export interface ShownCounts {
  count: string;
  userCount: number;
  lastSeen: string | null;
  firstSeen: string | null;
  series: Series | undefined;
  /** The issue's total in the list's environments, when the numbers shown are fewer. */
  lifetime?: { count: string; userCount: number };
}

/**
 * What a row shows, as Sentry's stream: the events the search selects (`filtered`, else the
 * environment and range numbers), with the lifetime total beside them when it differs.
 */
export function shownCounts(issue: ListedIssue, period: "24h" | "14d"): ShownCounts {
  const source = issue.filtered ?? issue;
  const lifetime = issue.lifetime;
  const differs =
    lifetime !== undefined && (lifetime.count !== source.count || lifetime.userCount !== source.userCount);
  return {
    count: source.count,
    userCount: source.userCount,
    lastSeen: source.lastSeen,
    firstSeen: source.firstSeen,
    series: issue.filtered?.stats?.[period] ?? issue.stats?.[period],
    ...(differs ? { lifetime: { count: lifetime.count, userCount: lifetime.userCount } } : {}),
  };
}
