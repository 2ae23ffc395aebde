import { alertRuleSchema, type AlertRule } from "@faultline/core";
import type { SourceFaultlineRule, SourceSentryRule } from "./source-shapes";

/** A rule carried over, or why it is not: a rule is taken whole or not at all, never guessed at. */
export type MappedRule = { rule: AlertRule } | { problems: string[] };

type Component = { id: string } & Record<string, unknown>;

const CONDITION = "sentry.rules.conditions.";
const FILTER = "sentry.rules.filters.";
/** Sentry's numeric log levels in rule filters. */
const LEVELS: Record<string, string> = { "10": "debug", "20": "info", "30": "warning", "40": "error", "50": "fatal" };
/** Sentry's tag-filter operators → Faultline's (`nc`, "does not contain", has no counterpart). */
const TAG_MATCHES: Record<string, string> = {
  eq: "eq",
  ne: "ne",
  sw: "starts_with",
  ew: "ends_with",
  co: "contains",
  is: "is_set",
  ns: "not_set",
};

function short(id: string): string {
  return id.split(".").pop() ?? id;
}

function trigger(condition: Component): object | string {
  const id = condition.id;
  if (id === `${CONDITION}first_seen_event.FirstSeenEventCondition`) return { type: "first_seen" };
  if (id === `${CONDITION}regression_event.RegressionEventCondition`) return { type: "regression" };
  const frequency: Record<string, string> = {
    [`${CONDITION}event_frequency.EventFrequencyCondition`]: "event_frequency",
    [`${CONDITION}event_frequency.EventUniqueUserFrequencyCondition`]: "unique_users",
  };
  const type = frequency[id];
  if (type) {
    if (condition.comparisonType !== undefined && condition.comparisonType !== "count")
      return `${short(id)} compared with an earlier period (Faultline counts only)`;
    return { type, value: Number(condition.value), interval: String(condition.interval) };
  }
  return `condition ${short(id)}`;
}

function filter(component: Component): object | string {
  const id = component.id;
  if (id === `${FILTER}level.LevelFilter` || id === `${CONDITION}level.LevelCondition`) {
    const level = LEVELS[String(component.level)];
    const match = component.match === "eq" || component.match === "lte" ? component.match : "gte";
    return level ? { type: "level", match, level } : `level filter with level ${String(component.level)}`;
  }
  if (id === `${FILTER}tagged_event.TaggedEventFilter` || id === `${CONDITION}tagged_event.TaggedEventCondition`) {
    const match = TAG_MATCHES[String(component.match)];
    if (!match) return `tag filter with operator "${String(component.match)}"`;
    return match === "is_set" || match === "not_set"
      ? { type: "tag", key: String(component.key), match }
      : { type: "tag", key: String(component.key), match, value: String(component.value) };
  }
  if (id === `${FILTER}latest_release.LatestReleaseFilter`) return { type: "release", value: "latest" };
  return `filter ${short(id)}`;
}

function action(component: Component, memberEmails: ReadonlyMap<string, string>): object | string {
  if (component.id === "sentry.mail.actions.NotifyEmailAction") {
    if (component.targetType === "Member") {
      const email = memberEmails.get(String(component.targetIdentifier));
      return email ? { type: "email", targets: [email] } : "email to a member who is not in the organization";
    }
    return `email to ${String(component.targetType ?? "issue owners")} (Faultline emails addresses, not teams or owners)`;
  }
  return `action ${short(component.id)} (an integration Faultline does not have)`;
}

/**
 * Sentry's issue alert rule in Faultline's shape. Every condition, filter and action must have a
 * Faultline counterpart; otherwise the rule is reported with each part that has none (dropping a
 * part would make it fire more, or less, than it did).
 */
export function mapSentryRule(source: SourceSentryRule, memberEmails: ReadonlyMap<string, string>): MappedRule {
  const problems: string[] = [];
  const take = (result: object | string, into: object[]) => {
    if (typeof result === "string") problems.push(result);
    else into.push(result);
  };
  const triggers: object[] = [];
  const filters: object[] = [];
  const actions: object[] = [];
  // Old rules keep level and tag checks among their conditions: those are filters.
  for (const condition of source.conditions ?? []) {
    const asFilter = /\.(level\.LevelCondition|tagged_event\.TaggedEventCondition)$/.test(condition.id);
    take(asFilter ? filter(condition) : trigger(condition), asFilter ? filters : triggers);
  }
  for (const component of source.filters ?? []) take(filter(component), filters);
  for (const component of source.actions ?? []) take(action(component, memberEmails), actions);
  if (source.environment) filters.push({ type: "environment", value: source.environment });
  const actionMatch = source.actionMatch ?? "all";
  if (actionMatch === "none") problems.push('conditions matched with "none"');
  if ((source.filterMatch ?? "all") !== "all" && filters.length > 1)
    problems.push(`filters matched with "${source.filterMatch}" (Faultline needs all filters to pass)`);
  if (problems.length > 0) return { problems };
  return validated({
    name: source.name,
    enabled: source.status !== "disabled",
    triggerMatch: actionMatch === "any" ? "any" : "all",
    triggers,
    filters,
    actions,
    actionIntervalMinutes: source.frequency ?? 30,
  });
}

/**
 * A rule read from another Faultline: already in this shape, except webhook secrets, which its
 * API never shows (a webhook rule cannot be carried over with its secret).
 */
export function mapFaultlineRule(source: SourceFaultlineRule): MappedRule {
  const masked = source.actions.some(
    (item) => typeof item === "object" && item !== null && (item as { type?: unknown }).type === "webhook",
  );
  if (masked) return { problems: ["webhook action (its secret is not readable through the API)"] };
  return validated({
    name: source.name,
    enabled: source.enabled ?? true,
    triggerMatch: source.triggerMatch ?? "any",
    triggers: source.triggers,
    filters: source.filters ?? [],
    actions: source.actions,
    actionIntervalMinutes: source.actionIntervalMinutes ?? 60,
    digestMinutes: source.digestMinutes ?? 0,
  });
}

function validated(candidate: unknown): MappedRule {
  const parsed = alertRuleSchema.safeParse(candidate);
  if (parsed.success) return { rule: parsed.data };
  return { problems: parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) };
}
