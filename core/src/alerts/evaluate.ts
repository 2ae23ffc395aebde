import { LEVELS, type Level } from "../event/types";
import { intervalMs } from "./interval";
import type { AlertFilter, AlertRule, AlertTrigger } from "./rule-schema";

/** What the worker knows about a stored event when it evaluates the project's rules. */
export interface AlertEventContext {
  isNewIssue: boolean;
  isRegression: boolean;
  level: string;
  environment: string | null;
  release: string | null;
  tags: [string, string][];
}

/** The project's newest release (for `release eq latest`) and the issue's counts per window. */
export interface AlertWindowFacts {
  latestRelease: string | null;
  /** Events of the issue in the last `interval`, keyed by the interval string ("1h"). */
  eventCounts: Record<string, number>;
  /** Distinct users of the issue seen in the last `interval`. */
  userCounts: Record<string, number>;
}

export type RuleVerdict =
  | { fire: true; triggers: AlertTrigger["type"][] }
  | { fire: false; reason: "disabled" | "snoozed" | "filtered" | "not_triggered" };

type EvaluableRule = Pick<AlertRule, "enabled" | "triggerMatch" | "triggers" | "filters"> & {
  snoozedUntil: string | Date | null;
};

/**
 * Whether a rule fires for this event. Pure: throttling ("once per issue per interval") is the
 * caller's, done atomically across workers.
 */
export function evaluateRule(
  rule: EvaluableRule,
  event: AlertEventContext,
  facts: AlertWindowFacts,
  now: Date,
): RuleVerdict {
  if (!rule.enabled) return { fire: false, reason: "disabled" };
  if (isSnoozed(rule.snoozedUntil, now)) return { fire: false, reason: "snoozed" };
  if (!rule.filters.every((filter) => filterPasses(filter, event, facts))) return { fire: false, reason: "filtered" };
  const matched = rule.triggers.filter((trigger) => triggerMatches(trigger, event, facts));
  const fired = rule.triggerMatch === "all" ? matched.length === rule.triggers.length : matched.length > 0;
  return fired
    ? { fire: true, triggers: matched.map((trigger) => trigger.type) }
    : { fire: false, reason: "not_triggered" };
}

export function isSnoozed(snoozedUntil: string | Date | null, now: Date): boolean {
  return snoozedUntil !== null && new Date(snoozedUntil).getTime() > now.getTime();
}

/** The windows the worker must count before evaluating, so it counts nothing it does not need. */
export function windowsNeeded(rule: Pick<AlertRule, "triggers">): { events: string[]; users: string[] } {
  const events = new Set<string>();
  const users = new Set<string>();
  for (const trigger of rule.triggers) {
    if (trigger.type === "event_frequency") events.add(trigger.interval);
    if (trigger.type === "unique_users") users.add(trigger.interval);
  }
  return { events: [...events], users: [...users] };
}

export function triggerMatches(trigger: AlertTrigger, event: AlertEventContext, facts: AlertWindowFacts): boolean {
  switch (trigger.type) {
    case "first_seen":
      return event.isNewIssue;
    case "regression":
      return event.isRegression;
    case "event_frequency":
      return intervalMs(trigger.interval) !== undefined && (facts.eventCounts[trigger.interval] ?? 0) >= trigger.value;
    case "unique_users":
      return intervalMs(trigger.interval) !== undefined && (facts.userCounts[trigger.interval] ?? 0) >= trigger.value;
  }
}

export function filterPasses(filter: AlertFilter, event: AlertEventContext, facts: AlertWindowFacts): boolean {
  switch (filter.type) {
    case "level":
      return compareLevel(event.level, filter.level, filter.match);
    case "environment":
      return (event.environment === filter.value) === (filter.match === "eq");
    case "release": {
      const wanted = filter.value === "latest" ? facts.latestRelease : filter.value;
      const same = event.release !== null && wanted !== null && event.release === wanted;
      return same === (filter.match === "eq");
    }
    case "tag":
      return tagPasses(filter, event.tags);
  }
}

function compareLevel(actual: string, wanted: Level, match: "eq" | "ne" | "gte" | "lte"): boolean {
  const a = LEVELS.indexOf(actual as Level);
  const w = LEVELS.indexOf(wanted);
  if (a < 0) return match === "ne";
  if (match === "eq") return a === w;
  if (match === "ne") return a !== w;
  return match === "gte" ? a >= w : a <= w;
}

function tagPasses(filter: Extract<AlertFilter, { type: "tag" }>, tags: [string, string][]): boolean {
  const values = tags.filter(([key]) => key === filter.key).map(([, value]) => value);
  const wanted = filter.value ?? "";
  switch (filter.match) {
    case "is_set":
      return values.length > 0;
    case "not_set":
      return values.length === 0;
    case "eq":
      return values.includes(wanted);
    // An event without the tag is "not equal" too, as in Sentry.
    case "ne":
      return !values.includes(wanted);
    case "contains":
      return values.some((value) => value.includes(wanted));
    case "starts_with":
      return values.some((value) => value.startsWith(wanted));
    case "ends_with":
      return values.some((value) => value.endsWith(wanted));
  }
}

/** How long a rule stays quiet about an issue after notifying about it. */
export function actionIntervalMs(rule: Pick<AlertRule, "actionIntervalMinutes">): number {
  return rule.actionIntervalMinutes * 60_000;
}
