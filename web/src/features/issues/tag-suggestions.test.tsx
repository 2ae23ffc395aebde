import { act, cleanup, fireEvent, renderHook, screen, waitFor, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { OrgContext } from "../layout/org-context";
import { TEST_ORG, renderOrgPage } from "../test-support";
import { IssueListPage } from "./IssueListPage";
import { useKnownTags } from "./use-known-tags";

const requests: string[] = [];

beforeEach(() => {
  requests.length = 0;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      requests.push(url);
      const path = url.split("?")[0];
      const body =
        path === "/api/0/organizations/acme/tags/"
          ? [
              { key: "browser", name: "browser", totalValues: 2 },
              { key: "tenant", name: "tenant", totalValues: 1 },
            ]
          : path === "/api/0/organizations/acme/tags/browser/values/"
            ? [
                { key: "browser", name: "Chrome 120", value: "Chrome 120", count: 9 },
                { key: "browser", name: "Firefox 121", value: "Firefox 121", count: 2 },
              ]
            : path === "/api/0/organizations/acme/issues/" || path === "/api/0/organizations/acme/searches/"
              ? []
              : { version: "0", user: { id: "1", email: "dana@example.com", name: "Dana" } };
      return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const options = () => {
  const list = screen.queryByRole("listbox", { name: "Search suggestions" });
  return list
    ? within(list)
        .queryAllByRole("option")
        .map((option) => option.textContent)
    : [];
};

describe("tag suggestions in the issue search", () => {
  it("suggests the project's tag keys and a key's values from the organization's tags", async () => {
    renderOrgPage("/organizations/acme/issues/?project=3", "/organizations/:org/issues", <IssueListPage />);
    const input = await screen.findByRole("searchbox", { name: "Search issues" });
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: "ten", selectionStart: 3 } });
    await waitFor(() => expect(options()).toContain("tenant:tag"));
    expect(requests).toContain("/api/0/organizations/acme/tags/?project=3");
    // No issue's own tags were asked for: suggestions do not depend on the issues on screen.
    expect(requests.some((url) => url.startsWith("/api/0/issues/"))).toBe(false);

    fireEvent.change(input, { target: { value: "browser:", selectionStart: 8 } });
    await waitFor(() => expect(options()).toEqual(["browser:Chrome 120browser", "browser:Firefox 121browser"]));
    expect(requests).toContain("/api/0/organizations/acme/tags/browser/values/?project=3&per_page=100");
    // Search fields (is:, level:...) are not tags: their values are never asked for.
    expect(requests.some((url) => url.includes("/tags/is/"))).toBe(false);
  });

  it("loads the keys again for another project once they had been loaded", async () => {
    const wrapper = ({ children }: { children: ReactNode }) => (
      <OrgContext.Provider value={{ org: TEST_ORG, reloadOrg: () => undefined }}>{children}</OrgContext.Provider>
    );
    const { result, rerender } = renderHook(({ project }: { project: string }) => useKnownTags(project), {
      wrapper,
      initialProps: { project: "3" },
    });
    act(() => result.current.load());
    await waitFor(() => expect(Object.keys(result.current.known.tags)).toContain("tenant"));
    rerender({ project: "4" });
    await waitFor(() => expect(requests).toContain("/api/0/organizations/acme/tags/?project=4"));
  });
});
