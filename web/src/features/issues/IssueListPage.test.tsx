import { act, cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Issue } from "../../api/types";
import { renderOrgPage } from "../test-support";
import { IssueListPage } from "./IssueListPage";

function issue(id: string, title: string): Issue {
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
  };
}

let listAnswer: Issue[] = [];
const requests: string[] = [];
const writes: { url: string; method: string; body: unknown }[] = [];

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  requests.length = 0;
  writes.length = 0;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      requests.push(url);
      if (init?.method && init.method !== "GET") {
        writes.push({ url, method: init.method, body: JSON.parse(String(init.body ?? "null")) });
        return new Response(JSON.stringify({}), { status: 200 });
      }
      const body = url.startsWith("/api/0/organizations/acme/issues/")
        ? listAnswer
        : url.startsWith("/api/0/organizations/acme/searches/")
          ? []
          : url.startsWith("/api/0/organizations/acme/members/")
            ? [
                {
                  id: "11",
                  email: "dana@example.com",
                  name: "Dana",
                  user: { id: "1", email: "dana@example.com", name: "Dana" },
                },
                {
                  id: "12",
                  email: "sam@example.com",
                  name: "Sam",
                  user: { id: "2", email: "sam@example.com", name: "Sam" },
                },
              ]
            : url.startsWith("/api/0/organizations/acme/teams/")
              ? [{ id: "5", slug: "mobile", name: "Mobile" }]
              : { version: "0", user: { id: "1", email: "dana@example.com", name: "Dana" } };
      return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
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

describe("the issue list", () => {
  it("asks for unresolved issues by last seen, and shows the empty state", async () => {
    listAnswer = [];
    renderList();
    await screen.findByText("No unresolved issues");
    const list = requests.find((url) => url.includes("/issues/"));
    expect(list).toContain("query=is%3Aunresolved");
    expect(list).toContain("sort=date");
    expect(list).toContain("statsPeriod=24h");
  });

  it("asks Errors+ for error and fatal issues alike", async () => {
    listAnswer = [];
    renderList();
    await screen.findByText("No unresolved issues");
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Errors+" }));
      await vi.advanceTimersByTimeAsync(10);
    });
    const last = new URL(requests.filter((url) => url.includes("/issues/")).at(-1) ?? "", "http://x");
    expect(last.searchParams.get("query")).toBe("is:unresolved level:[error,fatal]");
  });

  it("keeps the selection across a polling refresh, and drops issues that left the list", async () => {
    listAnswer = [issue("1", "TypeError: first"), issue("2", "RangeError: second")];
    renderList();
    await screen.findByText("TypeError: first");
    fireEvent.click(screen.getByLabelText("Select APP-1"));
    expect(screen.getByText("1 selected")).toBeTruthy();

    const before = requests.length;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(15_500);
    });
    expect(requests.length).toBeGreaterThan(before);
    expect((screen.getByLabelText("Select APP-1") as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText("1 selected")).toBeTruthy();

    listAnswer = [issue("2", "RangeError: second")];
    await act(async () => {
      await vi.advanceTimersByTimeAsync(15_500);
    });
    expect(screen.queryByText("TypeError: first")).toBeNull();
    expect(screen.queryByText("1 selected")).toBeNull();
  });

  it("marks the issues the signed-in user bookmarked", async () => {
    listAnswer = [{ ...issue("1", "TypeError: first"), isBookmarked: true }, issue("2", "RangeError: second")];
    renderList();
    await screen.findByText("TypeError: first");
    expect(screen.getAllByRole("img", { name: "Bookmarked" })).toHaveLength(1);
  });

  it("resolves the selected issues in one request", async () => {
    listAnswer = [issue("1", "TypeError: first"), issue("2", "RangeError: second")];
    renderList();
    await screen.findByText("TypeError: first");
    fireEvent.click(screen.getByLabelText("Select APP-1"));
    fireEvent.click(screen.getByLabelText("Select APP-2"));
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Resolve" }));
      await vi.advanceTimersByTimeAsync(10);
    });
    expect(writes).toEqual([
      { url: "/api/0/organizations/acme/issues/?id=1&id=2", method: "PUT", body: { status: "resolved" } },
    ]);
  });

  it("assigns the selected issues to a member picked from the organization (teams listed too), or unassigns them", async () => {
    listAnswer = [issue("1", "TypeError: first"), issue("2", "RangeError: second")];
    renderList();
    await screen.findByText("TypeError: first");
    fireEvent.click(screen.getByLabelText("Select APP-1"));
  });
});
