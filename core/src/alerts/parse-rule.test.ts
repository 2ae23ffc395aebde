import { parseAlertRule, parseAlertRuleUpdate } from "./parse-rule";

const ISSUE_EXAMPLE = {
  name: "New errors to on-call",
  enabled: true,
  triggerMatch: "any",
  triggers: [
    { type: "first_seen" },
    { type: "regression" },
    { type: "event_frequency", value: 100, interval: "1h" },
    { type: "unique_users", value: 10, interval: "1h" },
  ],
  filters: [
    { type: "level", match: "gte", level: "error" },
    { type: "environment", value: "production" },
    { type: "tag", key: "browser", match: "eq", value: "Chrome" },
    { type: "release", match: "eq", value: "latest" },
  ],
  actions: [
    { type: "email", targets: ["oncall@example.com"] },
    { type: "sms", targets: ["+15551234567"] },
    { type: "webhook", url: "https://hooks.example.com/x", secret: "s3cret-value", format: "json" },
  ],
  actionIntervalMinutes: 60,
  digestMinutes: 0,
  snoozedUntil: null,
};

function withChange(change: (rule: typeof ISSUE_EXAMPLE & Record<string, unknown>) => void) {
  const copy = structuredClone(ISSUE_EXAMPLE) as typeof ISSUE_EXAMPLE & Record<string, unknown>;
  change(copy);
  return copy;
}

describe("parseAlertRule", () => {
  it("accepts the rule shape from the issue text", () => {
    const result = parseAlertRule(ISSUE_EXAMPLE);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.filters[1]).toEqual({ type: "environment", match: "eq", value: "production" });
  });

  it("fills defaults for a minimal rule", () => {
    const result = parseAlertRule({ name: "x", triggers: [{ type: "first_seen" }], actions: ISSUE_EXAMPLE.actions });
    expect(result).toMatchObject({
      ok: true,
      value: {
        enabled: true,
        triggerMatch: "any",
        filters: [],
        actionIntervalMinutes: 60,
        digestMinutes: 0,
        snoozedUntil: null,
      },
    });
  });

  it.each([
    ["a missing name", (r: Record<string, unknown>) => delete r.name, /^name: is required/],
    ["no triggers", (r: Record<string, unknown>) => (r.triggers = []), /^triggers: needs at least one trigger/],
    [
      "a bad interval",
      (r: Record<string, unknown>) => (r.triggers = [{ type: "event_frequency", value: 5, interval: "2x" }]),
      /^triggers\[0\]\.interval: must be a window/,
    ],
    [
      "an unknown trigger type",
      (r: Record<string, unknown>) => (r.triggers = [{ type: "sometimes" }]),
      /^triggers\[0\]/,
    ],
    [
      "a phone number not in E.164",
      (r: Record<string, unknown>) => (r.actions = [{ type: "sms", targets: ["555-1234"] }]),
      /^actions\[0\]\.targets\[0\]: must be a phone number in E\.164/,
    ],
    [
      "a bad email address",
      (r: Record<string, unknown>) => (r.actions = [{ type: "email", targets: ["nobody"] }]),
      /^actions\[0\]\.targets\[0\]: must be an email address/,
    ],
    [
      "a webhook to ftp",
      (r: Record<string, unknown>) => (r.actions = [{ type: "webhook", url: "ftp://x.example", secret: "abcdefgh" }]),
      /^actions\[0\]\.url: must be an http\(s\) URL/,
    ],
    [
      "a tag filter with no value for eq",
      (r: Record<string, unknown>) => (r.filters = [{ type: "tag", key: "browser", match: "eq" }]),
      /^filters\[0\]\.value: is required for this match/,
    ],
    [
      "an unknown level",
      (r: Record<string, unknown>) => (r.filters = [{ type: "level", match: "gte", level: "loud" }]),
      /^filters\[0\]/,
    ],
    [
      "a zero action interval",
      (r: Record<string, unknown>) => (r.actionIntervalMinutes = 0),
      /^actionIntervalMinutes: /,
    ],
    [
      "a snooze that is not a date",
      (r: Record<string, unknown>) => (r.snoozedUntil = "tomorrow"),
      /^snoozedUntil: must be an ISO/,
    ],
  ])("refuses %s, naming the field", (_what, change, message) => {
    const result = parseAlertRule(withChange(change));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.detail).toMatch(message);
  });

  it("allows a tag filter without a value for is_set / not_set", () => {
    const result = parseAlertRule(
      withChange((r) => (r.filters = [{ type: "tag", key: "k", match: "not_set" }] as never)),
    );
    expect(result.ok).toBe(true);
  });
});

describe("parseAlertRuleUpdate", () => {
  const current = (() => {
    const parsed = parseAlertRule({ ...ISSUE_EXAMPLE, digestMinutes: 15 });
    if (!parsed.ok) throw new Error(parsed.detail);
    return parsed.value;
  })();
  it("keeps the stored fields the body leaves out", () => {
    const result = parseAlertRuleUpdate(current, { enabled: false });
    expect(result).toMatchObject({ ok: true, value: { enabled: false, digestMinutes: 15, name: ISSUE_EXAMPLE.name } });
  });
  it("still checks what is there", () => {
    expect(parseAlertRuleUpdate(current, { digestMinutes: -1 })).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^digestMinutes/),
    });
    expect(parseAlertRuleUpdate(current, [1])).toEqual({ ok: false, detail: "body must be a JSON object" });
  });
});
