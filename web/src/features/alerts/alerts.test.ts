import { describe, expect, it } from "vitest";
import { errorsFromDetail, unplacedErrors } from "./editor/field-errors";
import { actionsSummary, isSnoozed, triggersSummary } from "./summaries";

describe("the server's 400 details", () => {
  it("are split by field, joined when a field has several", () => {
    expect(
      errorsFromDetail("name: is required; actions[0].targets[2]: must be an email address; name: too long"),
    ).toEqual({ name: "is required; too long", "actions[0].targets[2]": "must be an email address" });
  });

  it("keep a message that names no field, and list what no input shows", () => {
    const errors = errorsFromDetail("body must be a JSON object; triggers[0].type: is odd; triggers[1].interval: bad");
    expect(errors[""]).toBe("body must be a JSON object");
    expect(unplacedErrors(errors)).toEqual(["body must be a JSON object", "triggers[0].type: is odd"]);
  });
});

describe("rule summaries", () => {
  it("say what fires a rule and where it sends", () => {
    expect(
      triggersSummary([{ type: "first_seen" }, { type: "event_frequency", value: 100, interval: "1h" }], "any"),
    ).toBe("new issue or 100+ events in 1h");
    expect(triggersSummary([{ type: "regression" }, { type: "unique_users", value: 5, interval: "1d" }], "all")).toBe(
      "regression and 5+ users in 1d",
    );
    expect(
      actionsSummary([
        { type: "email", targets: ["a@example.com", "b@example.com"] },
        { type: "webhook", url: "https://hooks.slack.com/services/x", secret: "********", format: "slack" },
      ]),
    ).toBe("Email: a@example.com, b@example.com · Webhook (Slack): hooks.slack.com");
    expect(
      actionsSummary([
        { type: "teams", url: "https://prod-00.westus.logic.azure.com/workflows/abc" },
        { type: "telegram", botToken: "********", chatId: "@oncall_channel" },
        { type: "pagerduty", routingKey: "********" },
        { type: "ntfy", topic: "team-alerts" },
      ]),
    ).toBe("Teams: prod-00.westus.logic.azure.com · Telegram: @oncall_channel · PagerDuty · ntfy: team-alerts");
  });

  it("count a snooze in the past as over", () => {
    const now = Date.parse("2026-06-01T00:00:00Z");
    expect(isSnoozed("2026-06-02T00:00:00Z", now)).toBe(true);
    expect(isSnoozed("2026-05-01T00:00:00Z", now)).toBe(false);
    expect(isSnoozed(null, now)).toBe(false);
  });
});
