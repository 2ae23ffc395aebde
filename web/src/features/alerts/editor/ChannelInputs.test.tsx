import type { AlertRule } from "@faultline/contracts";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AlertRuleDetail } from "../../../api/types";
import { draftFromRule, emptyDraft, type RuleDraft } from "./rule-draft";
import { RuleEditor } from "./RuleEditor";

afterEach(cleanup);

function setUp(initial: RuleDraft = emptyDraft()) {
  const onSave = vi.fn(async (_body: AlertRule) => undefined);
  render(<RuleEditor initial={initial} submitLabel="Save rule" onSave={onSave} />);
  return onSave;
}

const input = (name: string) => screen.getByLabelText(name) as HTMLInputElement;
const type = (name: string, value: string) => fireEvent.change(input(name), { target: { value } });

function messageOf(name: string): string | null {
  const id = input(name).getAttribute("aria-describedby");
  return id ? (document.getElementById(id)?.textContent ?? null) : null;
}

async function submit() {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Save rule" }));
  });
}

function storedRule(actions: AlertRule["actions"]): AlertRuleDetail {
  return {
    id: "9",
    name: "Paging",
    enabled: true,
    triggerMatch: "any",
    triggers: [{ type: "first_seen" }],
    filters: [],
    actions,
    actionIntervalMinutes: 60,
    digestMinutes: 0,
    snoozedUntil: null,
    lastFired: null,
    dateCreated: "2026-01-01T00:00:00Z",
    dateUpdated: "2026-01-01T00:00:00Z",
  };
}

describe("chat and paging channels in the rule editor", () => {
  it("offers every channel", () => {
    setUp();
    const options = [...(input("Action 1") as unknown as HTMLSelectElement).options].map((option) => option.text);
    expect(options).toEqual([
      "Email",
      "SMS",
      "Webhook",
      "Slack",
      "Discord",
      "Microsoft Teams",
      "Mattermost",
      "Rocket.Chat",
      "Google Chat",
      "Telegram",
      "PagerDuty",
      "Opsgenie",
      "ntfy",
    ]);
  });

  it("asks a chat tool for its webhook URL and checks it", async () => {
    const onSave = setUp();
    type("Rule name", "To Slack");
    fireEvent.change(input("Action 1"), { target: { value: "slack" } });
    type("Action 1 webhook URL", "hooks.slack.com/services/x");
    await submit();
    expect(onSave).not.toHaveBeenCalled();
    expect(messageOf("Action 1 webhook URL")).toBe("must be an http(s) URL");

    type("Action 1 webhook URL", "https://hooks.slack.com/services/T1/B1/xyz");
    await submit();
    expect(onSave.mock.calls[0]?.[0].actions).toEqual([
      { type: "slack", url: "https://hooks.slack.com/services/T1/B1/xyz" },
    ]);
  });

  it("asks Telegram for a chat and a bot token, with the server's wording", async () => {
    const onSave = setUp();
    type("Rule name", "To Telegram");
    fireEvent.change(input("Action 1"), { target: { value: "telegram" } });
    type("Action 1 chat id", "my chat");
    type("Action 1 bot token", "not-a-token");
    await submit();
    expect(onSave).not.toHaveBeenCalled();
    expect(messageOf("Action 1 chat id")).toBe("must be a numeric chat id or a channel's @username");
    expect(messageOf("Action 1 bot token")).toBe('must be a bot token like "123456:ABC-DEF..."');

    type("Action 1 chat id", "-1001234567890");
    type("Action 1 bot token", "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw");
    await submit();
    expect(onSave.mock.calls[0]?.[0].actions).toEqual([
      { type: "telegram", chatId: "-1001234567890", botToken: "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw" },
    ]);
  });

  it("builds PagerDuty, Opsgenie (with its priority) and ntfy actions", async () => {
    const onSave = setUp();
    type("Rule name", "Paging");
    fireEvent.change(input("Action 1"), { target: { value: "pagerduty" } });
    type("Action 1 integration key", "R0ut1ngK3yR0ut1ngK3yR0ut1ngK3y12");
    fireEvent.click(screen.getByRole("button", { name: "Add action" }));
    fireEvent.change(input("Action 2"), { target: { value: "opsgenie" } });
    type("Action 2 API key", "eb243592-faa2-4ba2-a551-1afdf565c889");
    fireEvent.change(input("Action 2 priority"), { target: { value: "P1" } });
    fireEvent.click(screen.getByRole("button", { name: "Add action" }));
    fireEvent.change(input("Action 3"), { target: { value: "ntfy" } });
    type("Action 3 topic", "team alerts");
    await submit();
    expect(messageOf("Action 3 topic")).toBe("must be 1 to 64 letters, digits, - or _");
    type("Action 3 topic", "team-alerts");
    await submit();
    expect(onSave.mock.calls[0]?.[0].actions).toEqual([
      { type: "pagerduty", routingKey: "R0ut1ngK3yR0ut1ngK3yR0ut1ngK3y12" },
      { type: "opsgenie", apiKey: "eb243592-faa2-4ba2-a551-1afdf565c889", priority: "P1" },
      { type: "ntfy", topic: "team-alerts" },
    ]);
  });

  it("keeps stored tokens and keys when left empty, and asks again when the chat changes", async () => {
    const actions: AlertRule["actions"] = [
      { type: "pagerduty", routingKey: "********" },
      { type: "telegram", botToken: "********", chatId: "-100200" },
    ];
    const onSave = setUp(draftFromRule(storedRule(actions)));
    expect(input("Action 1 integration key").placeholder).toBe("unchanged");
    await submit();
    expect(onSave.mock.calls[0]?.[0].actions).toEqual(actions);

    type("Action 2 chat id", "-100300");
    await submit();
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(messageOf("Action 2 bot token")).toBe("enter it again: the chat or topic changed");
  });
});
