import { act, cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Issue } from "../../api/types";
import { renderOrgPage } from "../test-support";
import { IgnoreMenu } from "./IgnoreMenu";
import type { ListedIssue } from "./issue-counts";
import { IssueListPage } from "./IssueListPage";
import { reverseChange } from "./reverse-change";

function issue(id: string, title: string, extra: Partial<ListedIssue> = {}): ListedIssue {
  return {
    id,
    shortId: `APP-${id}`,
    title,
    culprit: "app.js in handler",
    permalink: "",
    level: "error",
    status: "unresolved",
    statusDetails: {},
    platform: "node",
    project: { id: "1", name: "App", slug: "app", platform: "node" },
    type: "error",
    metadata: {},
    numComments: 0,
    isBookmarked: false,
    isSubscribed: false,
    assignedTo: null,
    count: "3",
    userCount: 1,
    firstSeen: new Date().toISOString(),
    lastSeen: new Date().toISOString(),
    stats: { "24h": [] },
    ...extra,
  };
}

let listAnswer: ListedIssue[] = [];
let hits = "2";
const writes: { url: URL; method: string; body: unknown }[] = [];

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  writes.length = 0;
  hits = "2";
  vi.stubGlobal(
    "confirm",
    vi.fn(() => true),
  );
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      if (init?.method && init.method !== "GET") {
        writes.push({
          url: new URL(url, "http://x"),
          method: init.method,
          body: JSON.parse(String(init.body ?? "null")),
        });
        return new Response(JSON.stringify({}), { status: 200, headers: { "Content-Type": "application/json" } });
      }
      const isList = url.startsWith("/api/0/organizations/acme/issues/");
      const body = isList ? listAnswer : url.startsWith("/api/0/organizations/acme/members/") ? [] : { version: "0" };
      const headers: Record<string, string> = { "Content-Type": "application/json" };
      if (isList) Object.assign(headers, { "X-Hits": hits, "X-Max-Hits": "1000" });
      return new Response(JSON.stringify(body), { status: 200, headers });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function renderList() {
  return renderOrgPage("/organizations/acme/issues/", "/organizations/:org/issues", <IssueListPage />);
}

async function settle() {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(10);
  });
}

describe("the ignore menu", () => {
  it.each([
    ["30 minutes", { ignoreDuration: 30 }],
    ["2 hours", { ignoreDuration: 120 }],
    ["24 hours", { ignoreDuration: 1440 }],
    ["1 week", { ignoreDuration: 10080 }],
    ["100 times", { ignoreCount: 100 }],
    ["1000 more users", { ignoreUserCount: 1000 }],
  ])("%s sends Sentry's statusDetails", (label, details) => {
    const onIgnore = vi.fn();
    renderOrgPage("/i/", "/i/", <IgnoreMenu busy={false} onIgnore={onIgnore} />);
    fireEvent.click(screen.getByRole("menuitem", { name: label }));
    expect(onIgnore).toHaveBeenCalledWith({ status: "ignored", statusDetails: details });
  });

  it("Ignore alone ignores until it is unignored", () => {
    const onIgnore = vi.fn();
    renderOrgPage("/i/", "/i/", <IgnoreMenu busy={false} onIgnore={onIgnore} />);
    fireEvent.click(screen.getByRole("button", { name: "Ignore" }));
    expect(onIgnore).toHaveBeenCalledWith({ status: "ignored" });
  });
});

describe("undo", () => {
  it("puts each issue back as it was, one request per earlier state", () => {
    const before: Issue[] = [
      issue("1", "a"),
      issue("2", "b", { status: "ignored", statusDetails: { ignoreCount: 10, actor: null } }),
      issue("3", "c"),
    ];
    expect(reverseChange(before, { status: "resolved" })).toEqual([
      { ids: ["1", "3"], body: { status: "unresolved" } },
      { ids: ["2"], body: { status: "ignored", statusDetails: { ignoreCount: 10 } } },
    ]);
    const assigned = issue("4", "d", { assignedTo: { type: "user", id: "7", name: "Dana", email: "d@x" } });
    expect(reverseChange([assigned, issue("5", "e")], { assignedTo: "user:9" })).toEqual([
      { ids: ["4"], body: { assignedTo: "user:7" } },
      { ids: ["5"], body: { assignedTo: null } },
    ]);
  });

  it("a toast offers Undo after ignoring for 2 hours, and Undo sends the reverse update", async () => {
    listAnswer = [issue("1", "TypeError: first"), issue("2", "RangeError: second")];
    renderList();
    await screen.findByText("TypeError: first");
    fireEvent.click(screen.getByLabelText("Select APP-1"));
    fireEvent.click(screen.getByRole("menuitem", { name: "2 hours" }));
    await settle();
    expect(writes).toHaveLength(1);
    expect(writes[0]?.url.searchParams.getAll("id")).toEqual(["1"]);
    expect(writes[0]?.body).toEqual({ status: "ignored", statusDetails: { ignoreDuration: 120 } });
    const toast = screen.getByRole("status");
    expect(toast.textContent).toContain("Ignored 1 issue");
    fireEvent.click(within(toast).getByRole("button", { name: "Undo" }));
    await settle();
    expect(writes).toHaveLength(2);
    expect(writes[1]?.url.searchParams.getAll("id")).toEqual(["1"]);
    expect(writes[1]?.body).toEqual({ status: "unresolved" });
    expect(screen.queryByRole("button", { name: "Undo" })).toBeNull();
  });

  it("the toast goes away by itself", async () => {
    listAnswer = [issue("1", "TypeError: first")];
    hits = "1";
    renderList();
    await screen.findByText("TypeError: first");
    fireEvent.click(screen.getByLabelText("Select APP-1"));
    fireEvent.click(screen.getByRole("button", { name: "Resolve" }));
    await settle();
    expect(screen.getByText("Resolved 1 issue")).toBeTruthy();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(9_000);
    });
    expect(screen.queryByText("Resolved 1 issue")).toBeNull();
  });
});

describe("select all matching", () => {
  it("offers every match of the search once the page is selected, and sends the query without ids", async () => {
    listAnswer = [issue("1", "TypeError: first"), issue("2", "RangeError: second")];
    hits = "240";
    renderList();
    await screen.findByText("TypeError: first");
    fireEvent.click(screen.getByLabelText("Select all on this page"));
    fireEvent.click(screen.getByRole("button", { name: "Select all 240 matching" }));
    expect(screen.getByText("All 240 matching")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Resolve" }));
    await settle();
    expect(writes).toHaveLength(1);
    expect(writes[0]?.method).toBe("PUT");
    expect(writes[0]?.url.searchParams.getAll("id")).toEqual([]);
    expect(writes[0]?.url.searchParams.get("query")).toBe("is:unresolved");
    expect(writes[0]?.body).toEqual({ status: "resolved" });
    // The issues' earlier states are not all known: no Undo for a change to every match.
    expect(screen.getByText("Resolved 240 issues")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Undo" })).toBeNull();
  });

  it("is not offered when the page holds every match", async () => {
    listAnswer = [issue("1", "TypeError: first"), issue("2", "RangeError: second")];
    renderList();
    await screen.findByText("TypeError: first");
    fireEvent.click(screen.getByLabelText("Select all on this page"));
    expect(screen.queryByRole("button", { name: /matching/ })).toBeNull();
  });
});

describe("counts that follow the filter", () => {
  it("shows the filtered numbers with the lifetime total beside them", async () => {
    listAnswer = [
      issue("1", "TypeError: first", {
        count: "40",
        userCount: 9,
        lifetime: { count: "40", userCount: 9, firstSeen: null, lastSeen: null },
        filtered: { count: "12", userCount: 3, firstSeen: null, lastSeen: null },
      }),
    ];
    hits = "1";
    renderList();
    await screen.findByText("TypeError: first");
    const row = screen.getByText("TypeError: first").closest("li")!;
    expect(row.querySelector(".issue-count")?.textContent).toBe("12of 40");
    expect(row.querySelector(".issue-users")?.textContent).toBe("3of 9");
  });
});
