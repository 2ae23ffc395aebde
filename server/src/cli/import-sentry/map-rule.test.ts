import { mapFaultlineRule, mapSentryRule } from "./map-rule";
import { sourceSentryRule } from "./source-shapes";
import { nextCursor } from "./source";

// The shape of Sentry's GET /api/0/projects/{org}/{project}/rules/ items (extra fields ignored).
const sentryRule = (overrides: Record<string, unknown>) =>
  sourceSentryRule.parse({
    id: "12",
    name: "New errors",
    actionMatch: "any",
    filterMatch: "all",
    frequency: 30,
    environment: null,
    status: "active",
    owner: "team:1",
    createdBy: { id: 1, name: "a", email: "a@example.com" },
    dateCreated: "2024-01-01T00:00:00Z",
    conditions: [{ id: "sentry.rules.conditions.first_seen_event.FirstSeenEventCondition", name: "A new issue" }],
    filters: [],
    actions: [
      {
        id: "sentry.mail.actions.NotifyEmailAction",
        targetType: "Member",
        targetIdentifier: 7,
        name: "Send a notification to Member",
      },
    ],
    ...overrides,
  });

const members = new Map([["7", "oncall@example.com"]]);

describe("mapSentryRule", () => {
  it("maps conditions, filters, the environment, member emails and the interval", () => {
    const mapped = mapSentryRule(
      sentryRule({
        environment: "production",
        conditions: [
          { id: "sentry.rules.conditions.regression_event.RegressionEventCondition" },
          {
            id: "sentry.rules.conditions.event_frequency.EventFrequencyCondition",
            value: 100,
            interval: "1h",
            comparisonType: "count",
          },
          {
            id: "sentry.rules.conditions.event_frequency.EventUniqueUserFrequencyCondition",
            value: "5",
            interval: "1d",
          },
          // Old rules keep filters among the conditions.
          { id: "sentry.rules.conditions.level.LevelCondition", match: "gte", level: "40" },
        ],
        filters: [
          { id: "sentry.rules.filters.tagged_event.TaggedEventFilter", key: "browser", match: "sw", value: "Chrome" },
          { id: "sentry.rules.filters.tagged_event.TaggedEventFilter", key: "customer", match: "ns" },
          { id: "sentry.rules.filters.latest_release.LatestReleaseFilter" },
        ],
        frequency: 1440,
      }),
      members,
    );
    expect(mapped).toEqual({
      rule: expect.objectContaining({
        name: "New errors",
        enabled: true,
        triggerMatch: "any",
        triggers: [
          { type: "regression" },
          { type: "event_frequency", value: 100, interval: "1h" },
          { type: "unique_users", value: 5, interval: "1d" },
        ],
        filters: [
          { type: "level", match: "gte", level: "error" },
          { type: "tag", key: "browser", match: "starts_with", value: "Chrome" },
          { type: "tag", key: "customer", match: "not_set" },
          { type: "release", match: "eq", value: "latest" },
          { type: "environment", match: "eq", value: "production" },
        ],
        actions: [{ type: "email", targets: ["oncall@example.com"] }],
        actionIntervalMinutes: 1440,
      }) as unknown,
    });
  });

  it("reports every part without a counterpart instead of carrying part of the rule", () => {
    const mapped = mapSentryRule(
      sentryRule({
        status: "disabled",
        filterMatch: "any",
        conditions: [
          { id: "sentry.rules.conditions.reappeared_event.ReappearedEventCondition" },
          {
            id: "sentry.rules.conditions.event_frequency.EventFrequencyCondition",
            value: 50,
            interval: "1h",
            comparisonType: "percent",
          },
        ],
        filters: [
          { id: "sentry.rules.filters.tagged_event.TaggedEventFilter", key: "a", match: "nc", value: "x" },
          { id: "sentry.rules.filters.age_comparison.AgeComparisonFilter" },
          { id: "sentry.rules.filters.latest_release.LatestReleaseFilter" },
        ],
        actions: [
          { id: "sentry.mail.actions.NotifyEmailAction", targetType: "Team", targetIdentifier: 3 },
          { id: "sentry.integrations.slack.notify_action.SlackNotifyServiceAction", channel: "#x" },
        ],
      }),
      members,
    );
    expect(mapped).toEqual({
      problems: [
        "condition ReappearedEventCondition",
        "EventFrequencyCondition compared with an earlier period (Faultline counts only)",
        'tag filter with operator "nc"',
        "filter AgeComparisonFilter",
        "email to Team (Faultline emails addresses, not teams or owners)",
        "action SlackNotifyServiceAction (an integration Faultline does not have)",
      ],
    });
  });

  it("refuses a rule whose mapped form is not a valid Faultline rule", () => {
    expect(mapSentryRule(sentryRule({ conditions: [] }), members)).toEqual({
      problems: ["triggers: needs at least one trigger"],
    });
  });
});

describe("mapFaultlineRule", () => {
  it("takes another Faultline's rule as it is, but not one with a webhook (its secret is not readable)", () => {
    const rule = {
      name: "R",
      triggers: [{ type: "first_seen" }],
      actions: [{ type: "email", targets: ["a@example.com"] }],
    };
    expect(mapFaultlineRule(rule)).toEqual({ rule: expect.objectContaining({ name: "R", enabled: true }) as unknown });
    expect(
      mapFaultlineRule({ ...rule, actions: [{ type: "webhook", url: "https://x.example", secret: "********" }] }),
    ).toEqual({ problems: ["webhook action (its secret is not readable through the API)"] });
  });
});

describe("nextCursor", () => {
  it("reads Sentry's Link header", () => {
    const link =
      '<https://sentry.io/api/0/organizations/acme/projects/?&cursor=100:-1:1>; rel="previous"; results="false"; cursor="100:-1:1", ' +
      '<https://sentry.io/api/0/organizations/acme/projects/?&cursor=100:1:0>; rel="next"; results="true"; cursor="100:1:0"';
    expect(nextCursor(link)).toBe("100:1:0");
    expect(nextCursor(link.replace('results="true"', 'results="false"'))).toBeNull();
    expect(nextCursor(null)).toBeNull();
  });
});
