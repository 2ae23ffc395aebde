import { cleanup, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Activity } from "../../api/types";
import { renderOrgPage } from "../test-support";
import { ActivityPanel } from "./ActivityPanel";
import { activityText } from "./activity-text";

const now = new Date().toISOString();
const dana = { id: "3", email: "dana@example.com", name: "Dana Oncall" };
const activity: Activity[] = [
  { id: "1", type: "set_regression", data: {}, dateCreated: now, user: null },
  { id: "2", type: "assigned", data: { assignee: "11", assigneeType: "user" }, dateCreated: now, user: dana },
  { id: "3", type: "set_resolved", data: {}, dateCreated: now, user: dana },
  { id: "4", type: "first_seen", data: {}, dateCreated: now, user: null },
];

beforeEach(() => {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string) => {
      const path = new URL(input, "http://dashboard.test").pathname;
      const body =
        path === "/api/0/issues/7/activities/"
          ? { activity }
          : path === "/api/0/organizations/acme/members/"
            ? [
                {
                  id: "m1",
                  email: "sam@example.com",
                  name: "Sam",
                  user: { id: "11", email: "sam@example.com", name: "Sam Lee" },
                },
              ]
            : { detail: "not found" };
      return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the activity panel", () => {
  it("names whom an issue was assigned to and words the server's own changes without a name", async () => {
    renderOrgPage("/i/", "/i/", <ActivityPanel issueId="7" version="x" />);
    await waitFor(() => expect(screen.getByText(/assigned this issue to Sam Lee \(sam@example\.com\)/)).toBeTruthy());
    expect(screen.getByText(/Marked as a regression/).closest("li")?.textContent).toMatch(/^Marked as a regression /);
    expect(screen.getByText(/marked this issue as resolved/)).toBeTruthy();
    expect(screen.getByText(/First seen/)).toBeTruthy();
    expect(screen.queryByText("Faultline")).toBeNull();
  });

  it("falls back to the stored email, then the id, when the member is unknown", () => {
    const assigned = (data: unknown): Activity => ({ id: "9", type: "assigned", data, dateCreated: now, user: dana });
    expect(activityText(assigned({ assignee: "5", assigneeEmail: "kim@example.com" }), []).text).toBe(
      "assigned this issue to kim@example.com",
    );
    expect(activityText(assigned({ assignee: "5" }), undefined).text).toBe("assigned this issue to user 5");
    expect(activityText({ ...assigned({ assignee: "5" }), user: null }, undefined)).toEqual({
      actor: undefined,
      text: "Assigned to user 5",
    });
  });
});
