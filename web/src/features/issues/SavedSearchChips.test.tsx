import { act, cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderOrgPage } from "../test-support";
import { SavedSearchChips, type SavedSearch } from "./SavedSearchChips";

const SEARCHES: SavedSearch[] = [
  {
    id: "1",
    name: "Checkout errors",
    query: "is:unresolved level:error",
    sort: "freq",
    visibility: "owner",
    isPinned: false,
  },
  { id: "2", name: "Fatal in prod", query: "level:fatal", sort: "date", visibility: "organization", isPinned: false },
  {
    id: "3",
    name: "My Pinned Search",
    query: "is:unresolved assigned:me",
    sort: "date",
    visibility: "owner_pinned",
    isPinned: true,
  },
];
let answer: SavedSearch[] = SEARCHES;
const writes: { url: string; method: string; body: unknown }[] = [];

beforeEach(() => {
  answer = SEARCHES;
  writes.length = 0;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      if (init?.method && init.method !== "GET") {
        writes.push({ url, method: init.method, body: JSON.parse(String(init.body ?? "null")) });
        return new Response(init.method === "DELETE" ? null : "{}", { status: init.method === "DELETE" ? 204 : 200 });
      }
      const body = url.startsWith("/api/0/organizations/acme/searches/") ? answer : {};
      return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderChips(props: { query: string; sort: string; explicit: boolean }) {
  const onSelect = vi.fn();
  renderOrgPage(
    "/organizations/acme/issues/",
    "/organizations/:org/issues",
    <SavedSearchChips {...props} onSelect={onSelect} />,
  );
  return onSelect;
}

describe("saved search chips", () => {
  it("shows a chip per saved search, marks shared ones, and applies one on click", async () => {
    const onSelect = renderChips({ query: "level:fatal", sort: "date", explicit: true });
    const group = await screen.findByRole("group", { name: "Saved searches" });
    await within(group).findByRole("button", { name: "Checkout errors" });
    expect(within(group).getByRole("button", { name: "Fatal in prod · org" }).className).toContain("active");
    // The pinned search is the default, not a chip; an address with a query keeps its query.
    expect(within(group).queryByRole("button", { name: "My Pinned Search" })).toBeNull();
    expect(onSelect).not.toHaveBeenCalled();
    fireEvent.click(within(group).getByRole("button", { name: "Checkout errors" }));
    expect(onSelect).toHaveBeenCalledWith("is:unresolved level:error", "freq");
  });

  it("opens on the pinned search when the address names no query", async () => {
    const onSelect = renderChips({ query: "is:unresolved", sort: "date", explicit: false });
    await screen.findByRole("button", { name: "Checkout errors" });
    expect(onSelect).toHaveBeenCalledWith("is:unresolved assigned:me", "date");
  });

  it("saves the current search, shared with the organization when an owner asks, and pins it", async () => {
    answer = [];
    renderChips({ query: "browser:Firefox", sort: "new", explicit: true });
    await act(async () => {
      fireEvent.click(await screen.findByRole("button", { name: "Save search" }));
    });
    fireEvent.change(screen.getByLabelText("Saved search name"), { target: { value: "Firefox" } });
    fireEvent.click(screen.getByLabelText(/Share with the/));
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Save" }));
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Pin as default" }));
    });
    expect(writes).toEqual([
      {
        url: "/api/0/organizations/acme/searches/",
        method: "POST",
        body: { type: 0, name: "Firefox", query: "browser:Firefox", sort: "new", visibility: "organization" },
      },
      {
        url: "/api/0/organizations/acme/pinned-searches/",
        method: "PUT",
        body: { type: 0, query: "browser:Firefox", sort: "new" },
      },
    ]);
  });
});
