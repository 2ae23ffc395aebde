import type { AlertRule } from "@faultline/contracts";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../../api/client";
import type { AlertRuleDetail } from "../../../api/types";
import { draftFromRule, emptyDraft, type RuleDraft } from "./rule-draft";
import { RuleEditor } from "./RuleEditor";

afterEach(cleanup);

function setUp(initial: RuleDraft = emptyDraft(), onSave = vi.fn(async (_body: AlertRule) => undefined)) {
  render(<RuleEditor initial={initial} submitLabel="Create rule" onSave={onSave} />);
  return onSave;
}

const input = (name: string) => screen.getByLabelText(name) as HTMLInputElement;
const type = (name: string, value: string) => fireEvent.change(input(name), { target: { value } });
const choose = (name: string, value: string) => fireEvent.change(input(name), { target: { value } });

/** The message the field's aria-describedby points at: what a screen reader reads with it. */
function messageOf(name: string): string | null {
  const id = input(name).getAttribute("aria-describedby");
  return id ? (document.getElementById(id)?.textContent ?? null) : null;
}

async function submit() {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Create rule" }));
  });
}

describe("the rule editor", () => {
  it("checks the form before sending and shows each message next to its field", async () => {
    const onSave = setUp();
    choose("Trigger 1", "event_frequency");
    type("Trigger 1 interval", "soon");
    type("Action 1 email addresses", "oncall@example.com, not-an-address");
    type("Notify about one issue at most every (minutes)", "0");
    await submit();

    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByRole("alert").textContent).toBe("Check the highlighted fields.");
    expect(messageOf("Rule name")).toBe("is required");
    expect(input("Rule name").getAttribute("aria-invalid")).toBe("true");
    expect(messageOf("Trigger 1 interval")).toBe('must be a window like "5m", "1h" or "1d" (at most 30d)');
    expect(messageOf("Trigger 1 events")).toBeNull();
    expect(messageOf("Action 1 email addresses")).toBe("not-an-address: must be an email address");
    expect(messageOf("Notify about one issue at most every (minutes)")).toBe("must be between 1 and 43200");
  });

  it("says a rule needs a trigger and an action when the last one is removed", async () => {
    const onSave = setUp();
    type("Rule name", "Nothing");
    fireEvent.click(screen.getByRole("button", { name: "Remove trigger 1" }));
    fireEvent.click(screen.getByRole("button", { name: "Remove action 1" }));
    await submit();
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByText("needs at least one trigger")).toBeTruthy();
    expect(screen.getByText("needs at least one action")).toBeTruthy();
  });

  it("builds the API's rule from the form", async () => {
    const onSave = setUp();
    type("Rule name", "  Busy checkout errors ");
    choose("Trigger match", "all");
    choose("Trigger 1", "unique_users");
    type("Trigger 1 users", "25");
    type("Trigger 1 interval", "30m");
    fireEvent.click(screen.getByRole("button", { name: "Add trigger" }));
    type("Trigger 2 events", "500");
    fireEvent.click(screen.getByRole("button", { name: "Add filter" }));
    type("Filter 1 value", "production");
    fireEvent.click(screen.getByRole("button", { name: "Add filter" }));
    choose("Filter 2", "tag");
    type("Filter 2 tag key", "browser");
    choose("Filter 2 match", "starts_with");
    type("Filter 2 value", "Chrome");
    fireEvent.click(screen.getByRole("button", { name: "Add filter" }));
    choose("Filter 3", "tag");
    type("Filter 3 tag key", "customer");
    choose("Filter 3 match", "is_set");
    fireEvent.click(screen.getByRole("button", { name: "Add filter" }));
    choose("Filter 4", "level");
    choose("Filter 4 level", "warning");
    type("Action 1 email addresses", "oncall@example.com,\n dev@example.com");
    fireEvent.click(screen.getByRole("button", { name: "Add action" }));
    type("Action 2 webhook URL", "https://hooks.example.com/x");
    type("Action 2 signing secret", "s3cret-value");
    choose("Action 2 format", "slack");
    fireEvent.click(screen.getByRole("button", { name: "Add action" }));
    choose("Action 3", "sms");
    type("Action 3 phone numbers", "+15551234567");
    type("Notify about one issue at most every (minutes)", "30");
    type("Digest window (minutes, 0 sends at once)", "15");
    type("Snoozed until (empty: not snoozed)", "2030-01-02T03:04");
    fireEvent.click(screen.getByLabelText("Enabled"));
    await submit();

    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave.mock.calls[0]?.[0]).toEqual({
      name: "Busy checkout errors",
      enabled: false,
      triggerMatch: "all",
      triggers: [
        { type: "unique_users", value: 25, interval: "30m" },
        { type: "event_frequency", value: 500, interval: "1h" },
      ],
      filters: [
        { type: "environment", match: "eq", value: "production" },
        { type: "tag", key: "browser", match: "starts_with", value: "Chrome" },
        { type: "tag", key: "customer", match: "is_set" },
        { type: "level", match: "gte", level: "warning" },
      ],
      actions: [
        { type: "email", targets: ["oncall@example.com", "dev@example.com"] },
        { type: "webhook", url: "https://hooks.example.com/x", secret: "s3cret-value", format: "slack" },
        { type: "sms", targets: ["+15551234567"] },
      ],
      actionIntervalMinutes: 30,
      digestMinutes: 15,
      snoozedUntil: new Date("2030-01-02T03:04").toISOString(),
    });
  });

  it("shows the server's 400 by field, and what names no field above the buttons", async () => {
    const onSave = vi.fn(async () => {
      throw new ApiError(
        400,
        'triggers[0].interval: must be a window like "5m", "1h" or "1d" (at most 30d); actions[0].targets[1]: must be a phone number in E.164 form, like +15551234567; triggers[0].type: is odd',
      );
    });
    const draft = emptyDraft();
    setUp(
      {
        ...draft,
        name: "Pager",
        triggers: [{ type: "event_frequency", value: "5", interval: "1h" }],
        actions: [{ ...draft.actions[0]!, type: "sms", targets: "+15551234567, +15550000000" }],
      },
      onSave,
    );
    await submit();
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(messageOf("Trigger 1 interval")).toBe('must be a window like "5m", "1h" or "1d" (at most 30d)');
    expect(messageOf("Action 1 phone numbers")).toBe(
      "+15550000000: must be a phone number in E.164 form, like +15551234567",
    );
    expect(screen.getByRole("alert").textContent).toBe(
      "The server refused the rule: check the highlighted fields. triggers[0].type: is odd",
    );
    expect(messageOf("Rule name")).toBeNull();
  });

  it("keeps a webhook's stored secret unless its URL changes", async () => {
    const stored: AlertRuleDetail = {
      id: "7",
      name: "Hook",
      enabled: true,
      triggerMatch: "any",
      triggers: [{ type: "first_seen" }],
      filters: [],
      actions: [{ type: "webhook", url: "https://hooks.example.com/x", secret: "********", format: "json" }],
      actionIntervalMinutes: 60,
      digestMinutes: 0,
      snoozedUntil: null,
      lastFired: null,
      dateCreated: "2026-01-01T00:00:00Z",
      dateUpdated: "2026-01-01T00:00:00Z",
    };
    const onSave = setUp(draftFromRule(stored));
    expect(input("Action 1 signing secret").value).toBe("");
    await submit();
    expect(onSave.mock.calls[0]?.[0].actions).toEqual([stored.actions[0]]);

    type("Action 1 webhook URL", "https://hooks.example.com/elsewhere");
    await submit();
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(messageOf("Action 1 signing secret")).toBe("enter the secret again: the URL changed");
  });
});
