import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BulkActions } from "../issues/BulkActions";
import { renderOrgPage } from "../test-support";
import type { Activity } from "../../api/types";
import { activityText } from "./activity-text";
import { MergedIssues, type IssueHash } from "./MergedIssues";

const now = new Date().toISOString();
const hashes: IssueHash[] = [
  { id: "aaa111", eventCount: 2, latestEvent: { eventID: "e1", title: "RangeError: no carrier", dateCreated: now } },
  { id: "bbb222", eventCount: 3, latestEvent: { eventID: "e2", title: "TypeError: card declined", dateCreated: now } },
];
let calls: { method: string; url: URL }[];

beforeEach(() => {
  calls = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, "http://dashboard.test");
      calls.push({ method: init?.method ?? "GET", url });
      if (init?.method === "DELETE") return new Response(null, { status: 202 });
      // Anything else is the signed-in user's session.
      const body =
        url.pathname === "/api/0/issues/7/hashes/"
          ? hashes
          : { version: "0", user: { id: "1", email: "dana@example.com", name: "Dana" } };
      return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
    }),
  );
  vi.stubGlobal(
    "confirm",
    vi.fn(() => true),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the Merged issues tab", () => {
  it("lists each fingerprint with its latest event and unmerges the one asked for", async () => {
    const onUnmerged = vi.fn();
    renderOrgPage("/i/", "/i/", <MergedIssues issueId="7" onUnmerged={onUnmerged} />);
    await waitFor(() => expect(screen.getByText("RangeError: no carrier")).toBeTruthy());
    expect(screen.getByText("TypeError: card declined")).toBeTruthy();
    const buttons = screen.getAllByRole("button", { name: "Unmerge" });
    expect(buttons).toHaveLength(2);
    fireEvent.click(buttons[0]!);
    await waitFor(() => expect(onUnmerged).toHaveBeenCalledTimes(1));
    const unmerge = calls.find((call) => call.method === "DELETE");
    expect(unmerge?.url.pathname).toBe("/api/0/issues/7/hashes/");
    expect(unmerge?.url.searchParams.getAll("id")).toEqual(["aaa111"]);
  });

  it("offers no Unmerge when the issue has a single fingerprint", async () => {
    hashes.splice(1);
    renderOrgPage("/i/", "/i/", <MergedIssues issueId="7" onUnmerged={() => undefined} />);
    await waitFor(() => expect(screen.getByText("Nothing has been merged into this issue.")).toBeTruthy());
    expect(screen.queryByRole("button", { name: "Unmerge" })).toBeNull();
  });
});

describe("the list's Merge action", () => {
  it("asks first, then sends merge for two or more selected issues", async () => {
    const onAction = vi.fn();
    renderOrgPage("/i/", "/i/", <BulkActions count={2} busy={false} onAction={onAction} />);
    fireEvent.click(await screen.findByRole("button", { name: "Merge" }));
    expect(window.confirm).toHaveBeenCalledWith(expect.stringContaining("Merge these 2 issues"));
    expect(onAction).toHaveBeenCalledWith({ merge: true });
  });

  it("is absent for a single issue and does nothing when the dialog is dismissed", async () => {
    const onAction = vi.fn();
    const single = renderOrgPage("/i/", "/i/", <BulkActions count={1} busy={false} onAction={onAction} />);
    await screen.findByText("1 selected");
    expect(screen.queryByRole("button", { name: "Merge" })).toBeNull();
    single.unmount();
    vi.stubGlobal(
      "confirm",
      vi.fn(() => false),
    );
    renderOrgPage("/i/", "/i/", <BulkActions count={3} busy={false} onAction={onAction} />);
    fireEvent.click(await screen.findByRole("button", { name: "Merge" }));
    expect(onAction).not.toHaveBeenCalled();
  });
});

describe("merge activity", () => {
  const dana = { id: "3", email: "dana@example.com", name: "Dana" };
  const entry = (type: string, data: unknown, user: Activity["user"] = dana): Activity => ({
    id: "1",
    type,
    data,
    dateCreated: now,
    user,
  });

  it("says how many issues or fingerprints moved, and where", () => {
    expect(activityText(entry("merge", { issues: [{ id: "2" }, { id: "3" }] }), []).text).toBe(
      "merged 2 issues into this issue",
    );
    expect(activityText(entry("unmerge_source", { destination_id: "9", fingerprints: ["a"] }), []).text).toBe(
      "moved 1 fingerprint out into issue 9",
    );
    expect(activityText(entry("unmerge_destination", { source_id: "4", fingerprints: ["a", "b"] }, null), [])).toEqual({
      actor: undefined,
      text: "Moved 2 fingerprints here from issue 4",
    });
  });
});
