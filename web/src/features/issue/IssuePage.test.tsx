import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { IssueDetail, StatSeries, TagSummary } from "../../api/types";
import { renderOrgPage } from "../test-support";
import { IssuePage } from "./IssuePage";

const HOUR = 3600;
const DAY = 86_400;
const series = (length: number, step: number, count: (n: number) => number): StatSeries => {
  const end = Math.floor(Date.now() / 1000 / step) * step;
  return Array.from({ length }, (_, n) => [end - (length - 1 - n) * step, count(n)] as [number, number]);
};

function detail(overrides: Partial<IssueDetail> = {}): IssueDetail {
  return {
    id: "7",
    shortId: "APP-7",
    title: "TypeError: card declined",
    culprit: "app.js in charge",
    permalink: "",
    level: "error",
    status: "unresolved",
    statusDetails: {},
    platform: "node",
    project: { id: "1", name: "App", slug: "app", platform: "node" },
    type: "error",
    metadata: { type: "TypeError", value: "card declined" },
    numComments: 0,
    isBookmarked: false,
    isSubscribed: false,
    assignedTo: null,
    count: "9",
    userCount: 0,
    firstSeen: new Date().toISOString(),
    lastSeen: new Date().toISOString(),
    firstRelease: null,
    lastRelease: null,
    stats: {
      "24h": series(24, HOUR, (n) => (n === 23 ? 2 : 0)),
      "14d": series(14, DAY, (n) => (n === 13 ? 2 : 0)),
      "30d": series(30, DAY, (n) => (n === 29 ? 2 : n === 5 ? 7 : 0)),
    },
    ...overrides,
  };
}

let issueAnswer: IssueDetail;
let tagsAnswer: TagSummary[] = [];
let eventsAnswer: (query: URLSearchParams) => unknown[] = () => [];
let membersFail = false;
const requests: string[] = [];
const writes: { url: string; method: string; body: unknown }[] = [];

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

beforeEach(() => {
  issueAnswer = detail();
  tagsAnswer = [];
  eventsAnswer = () => [];
  membersFail = false;
  requests.length = 0;
  writes.length = 0;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string, init?: RequestInit) => {
      requests.push(input);
      const url = new URL(input, "http://dashboard.test");
      if (init?.method && init.method !== "GET") {
        writes.push({ url: input, method: init.method, body: JSON.parse(String(init.body ?? "null")) });
        return json({});
      }
      const path = url.pathname;
      if (path === "/api/0/") return json({ version: "0", user: { id: "1", email: "dana@example.com", name: "Dana" } });
      if (path === "/api/0/issues/7/") return json(issueAnswer);
      if (path === "/api/0/issues/7/tags/") return json(tagsAnswer);
      if (path === "/api/0/issues/7/activities/") return json({ activity: [] });
      if (path === "/api/0/issues/7/events/") {
        if (url.searchParams.get("query")?.includes('"Safari'))
          return json({ detail: "Invalid search query: unterminated quote" }, 400);
        return json(eventsAnswer(url.searchParams));
      }
      if (path === "/api/0/organizations/acme/members/" && membersFail)
        return json({ detail: "You do not have permission" }, 403);
      if (path === "/api/0/organizations/acme/members/")
        return json([
          {
            id: "11",
            email: "dana@example.com",
            name: "Dana",
            user: { id: "1", email: "dana@example.com", name: "Dana" },
          },
          { id: "12", email: "sam@example.com", name: "Sam", user: { id: "2", email: "sam@example.com", name: "Sam" } },
        ]);
      return json({ detail: "Not found" }, 404);
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderIssue() {
  return renderOrgPage("/organizations/acme/issues/7/", "/organizations/:org/issues/:issueId", <IssuePage />);
}

describe("the issue page trend", () => {
  it("shows the last 24 hours hourly, and 30 days daily on the 30d switch", async () => {
    const { container } = renderIssue();
    await screen.findByText("card declined");
    const group = screen.getByRole("group", { name: "Trend period" });
    const buttons = [...group.querySelectorAll("button")].map((button) => button.textContent);
    expect(buttons).toEqual(["24h", "30d"]);
    expect(container.querySelector(".trend-chart")?.getAttribute("aria-label")).toBe("2 events in this period");

    fireEvent.click(screen.getByRole("button", { name: "30d" }));
    expect(screen.getByRole("button", { name: "30d" }).getAttribute("aria-pressed")).toBe("true");
    expect(container.querySelector(".trend-chart")?.getAttribute("aria-label")).toBe("9 events in this period");
  });

  it("says so when the period has no events", async () => {
    issueAnswer = detail({ stats: { "24h": series(24, HOUR, () => 0), "30d": series(30, DAY, () => 0) } });
    renderIssue();
    await screen.findByText("card declined");
    fireEvent.click(screen.getByRole("button", { name: "30d" }));
    await waitFor(() => expect(screen.getByText("No events in this period.")).toBeTruthy());
  });
});

describe("bookmarking from the issue page", () => {
  it("bookmarks the issue for the signed-in user, and shows it pressed", async () => {
    renderIssue();
    await screen.findByText("card declined");
    const toggle = screen.getByRole("button", { name: "Bookmark" });
    expect(toggle.getAttribute("aria-pressed")).toBe("false");
    issueAnswer = detail({ isBookmarked: true });
    fireEvent.click(toggle);
    await waitFor(() =>
      expect(writes).toEqual([{ url: "/api/0/issues/7/", method: "PUT", body: { isBookmarked: true } }]),
    );
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Bookmark" }).getAttribute("aria-pressed")).toBe("true"),
    );
    fireEvent.click(screen.getByRole("button", { name: "Bookmark" }));
    await waitFor(() =>
      expect(writes[1]).toEqual({ url: "/api/0/issues/7/", method: "PUT", body: { isBookmarked: false } }),
    );
  });
});

describe("assigning from the issue page", () => {
  it("lists the organization's members and assigns the one picked", async () => {
    renderIssue();
    await screen.findByText("card declined");
    fireEvent.click(screen.getByRole("button", { name: "Assign ▾" }));
    await screen.findByRole("menuitemradio", { name: /Sam/ });
    expect(screen.getAllByRole("menuitemradio").map((item) => item.textContent)).toEqual([
      "Dana (you)dana@example.com",
      "Samsam@example.com",
    ]);
    // Nobody is assigned: nothing to unassign.
    expect(screen.queryByRole("menuitem", { name: "Unassign" })).toBeNull();
    issueAnswer = detail({ assignedTo: { type: "user", id: "2", name: "Sam", email: "sam@example.com" } });
    fireEvent.click(screen.getByRole("menuitemradio", { name: /Sam/ }));
    await waitFor(() =>
      expect(writes).toEqual([{ url: "/api/0/issues/7/", method: "PUT", body: { assignedTo: "user:2" } }]),
    );
    await screen.findByRole("button", { name: "Assigned: Sam ▾" });
  });

  it("unassigns, and marks the current assignee", async () => {
    issueAnswer = detail({ assignedTo: { type: "user", id: "2", name: "Sam", email: "sam@example.com" } });
    renderIssue();
    fireEvent.click(await screen.findByRole("button", { name: "Assigned: Sam ▾" }));
    const sam = await screen.findByRole("menuitemradio", { name: /Sam/ });
    expect(sam.getAttribute("aria-checked")).toBe("true");
    fireEvent.click(screen.getByRole("menuitem", { name: "Unassign" }));
    await waitFor(() =>
      expect(writes).toEqual([{ url: "/api/0/issues/7/", method: "PUT", body: { assignedTo: null } }]),
    );
  });

  it("says so when the members cannot be read", async () => {
    membersFail = true;
    renderIssue();
    fireEvent.click(await screen.findByRole("button", { name: "Assign ▾" }));
    const menu = await screen.findByRole("menu", { name: "Assign to" });
    await waitFor(() => expect(within(menu).getByRole("alert").textContent).toContain("You do not have permission"));
    expect(within(menu).getByRole("button", { name: "Retry" })).toBeTruthy();
  });
});

const summary = (n: number, tags: [string, string][]) => ({
  eventID: `${n}`.padStart(32, "a"),
  dateCreated: new Date().toISOString(),
  tags: tags.map(([key, value]) => ({ key, value })),
  user: null,
  message: "",
  title: "TypeError: card declined",
});
const EVENTS = [
  summary(1, [
    ["browser", "Chrome 120"],
    ["release", "1.0"],
  ]),
  summary(2, [
    ["browser", "Firefox"],
    ["release", "2.0"],
  ]),
  summary(3, [
    ["browser", "Chrome 120"],
    ["release", "2.0"],
  ]),
];
const eventRequests = () =>
  requests
    .filter((url) => url.startsWith("/api/0/issues/7/events/?"))
    .map((url) => new URL(url, "http://x").searchParams.get("query"));

describe("the issue's events, searched on the server", () => {
  beforeEach(() => {
    tagsAnswer = [
      {
        key: "browser",
        name: "browser",
        totalValues: 3,
        uniqueValues: 2,
        topValues: [
          { key: "browser", name: "Chrome 120", value: "Chrome 120", count: 2, firstSeen: "", lastSeen: "" },
          { key: "browser", name: "Firefox", value: "Firefox", count: 1, firstSeen: "", lastSeen: "" },
        ],
      },
    ];
    // A stand-in for the server's search: `key:value` or `key:"value"` on the tags.
    eventsAnswer = (params) => {
      const match = /^(\w+):"?([^"]*)"?$/.exec(params.get("query") ?? "");
      return match
        ? EVENTS.filter((event) => event.tags.some((t) => t.key === match[1] && t.value === match[2]))
        : EVENTS;
    };
  });

  it("a tag value opens the issue's events with that value, asked of the server", async () => {
    const { container } = renderIssue();
    const chrome = await screen.findByRole("button", { name: "Show events with browser Chrome 120 (67%)" });
    fireEvent.click(chrome);
    expect(screen.getByRole("tab", { name: "All events" }).getAttribute("aria-selected")).toBe("true");
    await waitFor(() => expect(container.querySelectorAll(".event-list tbody tr")).toHaveLength(2));
    expect(eventRequests()).toEqual(['browser:"Chrome 120"']);
    expect((screen.getByRole("searchbox", { name: "Search events" }) as HTMLInputElement).value).toBe(
      'browser:"Chrome 120"',
    );
    expect(chrome.getAttribute("aria-pressed")).toBe("true");

    fireEvent.click(screen.getByRole("button", { name: "Show events with browser Firefox (33%)" }));
    await waitFor(() => expect(container.querySelectorAll(".event-list tbody tr")).toHaveLength(1));
    expect(eventRequests().at(-1)).toBe("browser:Firefox");

    fireEvent.click(screen.getByRole("button", { name: "Clear" }));
    await waitFor(() => expect(container.querySelectorAll(".event-list tbody tr")).toHaveLength(3));
    expect(eventRequests().at(-1)).toBeNull();
  });

  it("the search box asks the server (Enter at once, typing after a pause); no match and bad syntax say so", async () => {
    const { container } = renderIssue();
    await screen.findByText("card declined");
    fireEvent.click(screen.getByRole("tab", { name: "All events" }));
    await waitFor(() => expect(container.querySelectorAll(".event-list tbody tr")).toHaveLength(3));
    const box = screen.getByRole("searchbox", { name: "Search events" });

    fireEvent.change(box, { target: { value: "release:2.0" } });
    fireEvent.submit(box);
    await waitFor(() => expect(container.querySelectorAll(".event-list tbody tr")).toHaveLength(2));
    expect(eventRequests()).toEqual([null, "release:2.0"]);

    fireEvent.change(box, { target: { value: "release:9.9" } });
    await screen.findByText("No events match");
    expect(screen.getByText("No event of this issue matches release:9.9.")).toBeTruthy();
    expect(eventRequests().at(-1)).toBe("release:9.9");

    fireEvent.change(box, { target: { value: 'browser:"Safari' } });
    fireEvent.submit(box);
    await screen.findByText("Invalid search query: unterminated quote");
  });
});
