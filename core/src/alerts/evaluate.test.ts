import { evaluateRule, filterPasses, windowsNeeded, type AlertEventContext, type AlertWindowFacts } from "./evaluate";
import type { AlertFilter, AlertTrigger } from "./rule-schema";

const NOW = new Date("2026-11-22T12:00:00Z");

function event(overrides: Partial<AlertEventContext> = {}): AlertEventContext {
  return {
    isNewIssue: false,
    isRegression: false,
    level: "error",
    environment: "production",
    release: "shop@2.0.0",
    tags: [
      ["browser", "Chrome 120"],
      ["os", "Linux"],
    ],
    ...overrides,
  };
}

function facts(overrides: Partial<AlertWindowFacts> = {}): AlertWindowFacts {
  return { latestRelease: "shop@2.0.0", eventCounts: {}, userCounts: {}, ...overrides };
}

function rule(triggers: AlertTrigger[], filters: AlertFilter[] = [], extra: Record<string, unknown> = {}) {
  return { enabled: true, triggerMatch: "any" as const, triggers, filters, snoozedUntil: null, ...extra };
}

describe("triggers", () => {
  it.each<[string, AlertTrigger, Partial<AlertEventContext>, Partial<AlertWindowFacts>, boolean]>([
    ["first_seen on a new issue", { type: "first_seen" }, { isNewIssue: true }, {}, true],
    ["first_seen on a known issue", { type: "first_seen" }, {}, {}, false],
    ["regression on a reopened issue", { type: "regression" }, { isRegression: true }, {}, true],
    ["regression on a new issue", { type: "regression" }, { isNewIssue: true }, {}, false],
    [
      "frequency at the threshold",
      { type: "event_frequency", value: 100, interval: "1h" },
      {},
      { eventCounts: { "1h": 100 } },
      true,
    ],
    [
      "frequency below it",
      { type: "event_frequency", value: 100, interval: "1h" },
      {},
      { eventCounts: { "1h": 99 } },
      false,
    ],
    [
      "frequency counted in another window",
      { type: "event_frequency", value: 1, interval: "1h" },
      {},
      { eventCounts: { "1d": 500 } },
      false,
    ],
    [
      "unique users at the threshold",
      { type: "unique_users", value: 10, interval: "15m" },
      {},
      { userCounts: { "15m": 10 } },
      true,
    ],
    [
      "unique users below it",
      { type: "unique_users", value: 10, interval: "15m" },
      {},
      { userCounts: { "15m": 9 } },
      false,
    ],
  ])("%s", (_what, trigger, eventOverrides, factOverrides, fires) => {
    expect(evaluateRule(rule([trigger]), event(eventOverrides), facts(factOverrides), NOW).fire).toBe(fires);
  });

  it("any: one matching trigger is enough, and the verdict names it", () => {
    const verdict = evaluateRule(
      rule([{ type: "first_seen" }, { type: "regression" }]),
      event({ isRegression: true }),
      facts(),
      NOW,
    );
    expect(verdict).toEqual({ fire: true, triggers: ["regression"] });
  });

  it("all: every trigger must match", () => {
    const triggers: AlertTrigger[] = [{ type: "first_seen" }, { type: "event_frequency", value: 2, interval: "5m" }];
    const all = rule(triggers, [], { triggerMatch: "all" });
    expect(evaluateRule(all, event({ isNewIssue: true }), facts({ eventCounts: { "5m": 1 } }), NOW)).toEqual({
      fire: false,
      reason: "not_triggered",
    });
    expect(evaluateRule(all, event({ isNewIssue: true }), facts({ eventCounts: { "5m": 2 } }), NOW)).toEqual({
      fire: true,
      triggers: ["first_seen", "event_frequency"],
    });
  });
});

describe("filters", () => {
  it.each<[string, AlertFilter, Partial<AlertEventContext>, boolean]>([
    ["level gte error passes fatal", { type: "level", match: "gte", level: "error" }, { level: "fatal" }, true],
    ["level gte error passes error", { type: "level", match: "gte", level: "error" }, {}, true],
    ["level gte error stops warning", { type: "level", match: "gte", level: "error" }, { level: "warning" }, false],
    ["level lte info passes debug", { type: "level", match: "lte", level: "info" }, { level: "debug" }, true],
    ["level lte info stops error", { type: "level", match: "lte", level: "info" }, {}, false],
    ["level eq warning stops error", { type: "level", match: "eq", level: "warning" }, {}, false],
    ["level ne warning passes error", { type: "level", match: "ne", level: "warning" }, {}, true],
    [
      "level gte with an unknown level stops",
      { type: "level", match: "gte", level: "debug" },
      { level: "weird" },
      false,
    ],
    ["environment eq matches", { type: "environment", match: "eq", value: "production" }, {}, true],
    [
      "environment eq stops staging",
      { type: "environment", match: "eq", value: "production" },
      { environment: "staging" },
      false,
    ],
    [
      "environment eq stops no environment",
      { type: "environment", match: "eq", value: "production" },
      { environment: null },
      false,
    ],
    ["environment ne stops the same", { type: "environment", match: "ne", value: "production" }, {}, false],
    [
      "environment ne passes no environment",
      { type: "environment", match: "ne", value: "production" },
      { environment: null },
      true,
    ],
    ["tag eq exact", { type: "tag", key: "os", match: "eq", value: "Linux" }, {}, true],
    ["tag eq is not a prefix match", { type: "tag", key: "browser", match: "eq", value: "Chrome" }, {}, false],
    ["tag eq is case-sensitive", { type: "tag", key: "os", match: "eq", value: "linux" }, {}, false],
    ["tag ne with another value", { type: "tag", key: "os", match: "ne", value: "Windows" }, {}, true],
    ["tag ne with that value", { type: "tag", key: "os", match: "ne", value: "Linux" }, {}, false],
    ["tag ne when the tag is missing", { type: "tag", key: "device", match: "ne", value: "x" }, {}, true],
    ["tag contains", { type: "tag", key: "browser", match: "contains", value: "rome 1" }, {}, true],
    ["tag contains misses", { type: "tag", key: "browser", match: "contains", value: "Firefox" }, {}, false],
    ["tag starts_with", { type: "tag", key: "browser", match: "starts_with", value: "Chrome" }, {}, true],
    ["tag starts_with misses", { type: "tag", key: "browser", match: "starts_with", value: "120" }, {}, false],
    ["tag ends_with", { type: "tag", key: "browser", match: "ends_with", value: "120" }, {}, true],
    ["tag ends_with misses", { type: "tag", key: "browser", match: "ends_with", value: "Chrome" }, {}, false],
    ["tag is_set", { type: "tag", key: "os", match: "is_set" }, {}, true],
    ["tag is_set misses", { type: "tag", key: "device", match: "is_set" }, {}, false],
    ["tag not_set", { type: "tag", key: "device", match: "not_set" }, {}, true],
    ["tag not_set misses", { type: "tag", key: "os", match: "not_set" }, {}, false],
    ["tag contains on a missing tag", { type: "tag", key: "device", match: "contains", value: "" }, {}, false],
    ["release eq a version", { type: "release", match: "eq", value: "shop@2.0.0" }, {}, true],
    ["release eq another version", { type: "release", match: "eq", value: "shop@1.0.0" }, {}, false],
    ["release eq latest", { type: "release", match: "eq", value: "latest" }, {}, true],
    [
      "release eq latest with an older release",
      { type: "release", match: "eq", value: "latest" },
      { release: "shop@1.0.0" },
      false,
    ],
    ["release eq latest with no release", { type: "release", match: "eq", value: "latest" }, { release: null }, false],
    [
      "release ne latest with an older release",
      { type: "release", match: "ne", value: "latest" },
      { release: "shop@1.0.0" },
      true,
    ],
  ])("%s", (_what, filter, eventOverrides, passes) => {
    expect(filterPasses(filter, event(eventOverrides), facts())).toBe(passes);
  });

  it("release eq latest does not match when the project has no release yet", () => {
    expect(
      filterPasses({ type: "release", match: "eq", value: "latest" }, event(), facts({ latestRelease: null })),
    ).toBe(false);
  });

  it("every filter must pass, and a filtered rule does not fire even when triggered", () => {
    const filters: AlertFilter[] = [
      { type: "level", match: "gte", level: "error" },
      { type: "environment", match: "eq", value: "production" },
    ];
    const r = rule([{ type: "first_seen" }], filters);
    expect(evaluateRule(r, event({ isNewIssue: true }), facts(), NOW).fire).toBe(true);
    expect(evaluateRule(r, event({ isNewIssue: true, environment: "dev" }), facts(), NOW)).toEqual({
      fire: false,
      reason: "filtered",
    });
  });
});

describe("enabled and snooze", () => {
  it("a disabled rule never fires", () => {
    expect(
      evaluateRule(rule([{ type: "first_seen" }], [], { enabled: false }), event({ isNewIssue: true }), facts(), NOW),
    ).toEqual({
      fire: false,
      reason: "disabled",
    });
  });
  it("a snoozed rule is quiet until its time, then fires again", () => {
    const snoozed = rule([{ type: "first_seen" }], [], { snoozedUntil: "2026-11-22T13:00:00Z" });
    expect(evaluateRule(snoozed, event({ isNewIssue: true }), facts(), NOW)).toEqual({
      fire: false,
      reason: "snoozed",
    });
    const later = new Date("2026-11-22T13:00:01Z");
    expect(evaluateRule(snoozed, event({ isNewIssue: true }), facts(), later).fire).toBe(true);
  });
});

describe("windowsNeeded", () => {
  it("lists each window once, by kind", () => {
    expect(
      windowsNeeded({
        triggers: [
          { type: "first_seen" },
          { type: "event_frequency", value: 1, interval: "1h" },
          { type: "event_frequency", value: 5, interval: "1h" },
          { type: "unique_users", value: 5, interval: "1d" },
        ],
      }),
    ).toEqual({ events: ["1h"], users: ["1d"] });
  });
});
