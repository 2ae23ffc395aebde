import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/client";
import { IssuePage } from "../../features/issue/IssuePage";
import { IssueListPage } from "../../features/issues/IssueListPage";
import { renderOrgPage } from "../../features/test-support";
import { StackedOutcomeChart } from "../charts/StackedOutcomeChart";
import { ErrorState } from "./states";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function answer(route: (path: string) => { status: number; body: unknown } | "never") {
  vi.stubGlobal(
    "fetch",
    vi.fn((input: string) => {
      const url = new URL(input, "http://dashboard.test");
      const found = route(url.pathname);
      if (found === "never") return new Promise<Response>(() => undefined);
      return Promise.resolve(Response.json(found.body, { status: found.status }));
    }),
  );
}

describe("error states", () => {
  it("say a deleted issue was not found, without offering to try again", async () => {
    answer(() => ({ status: 404, body: { detail: "The requested resource does not exist" } }));
    renderOrgPage("/organizations/acme/issues/7/", "/organizations/:org/issues/:issueId", <IssuePage />);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("This issue does not exist or was deleted.");
    expect(alert.textContent).not.toContain("Something went wrong");
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
  });

  it("show the server's own message for a search it cannot use", async () => {
    answer((path) =>
      path.endsWith("/issues/")
        ? { status: 400, body: { detail: "Invalid search query: unterminated quote" } }
        : { status: 200, body: [] },
    );
    renderOrgPage("/organizations/acme/issues/?query=%22x", "/organizations/:org/issues", <IssueListPage />);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Invalid search query: unterminated quote");
    expect(alert.textContent).not.toContain("Something went wrong");
  });

  it("offer to try again only when trying again can help", () => {
    const retry = vi.fn();
    render(<ErrorState error={new ApiError(503, "The database is busy.")} onRetry={retry} />);
    expect(screen.getByText("Something went wrong")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();
    cleanup();
    render(<ErrorState error={new ApiError(403, "You do not have permission.")} onRetry={retry} />);
    expect(screen.getByText("You do not have permission.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
  });
});

describe("loading", () => {
  it("shows the shape of the issue list and of the issue page while they load", async () => {
    answer(() => "never");
    const list = renderOrgPage("/organizations/acme/issues/", "/organizations/:org/issues", <IssueListPage />);
    await waitFor(() => expect(list.container.querySelectorAll(".skeleton-row").length).toBeGreaterThan(3));
    expect(screen.getByRole("status", { name: "Loading issues…" })).toBeTruthy();
    expect(list.container.querySelector(".spinner")).toBeNull();
    cleanup();
    const issue = renderOrgPage("/organizations/acme/issues/7/", "/organizations/:org/issues/:issueId", <IssuePage />);
    expect(screen.getByRole("status", { name: "Loading issue…" })).toBeTruthy();
    expect(issue.container.querySelector(".skeleton-issue-grid")).not.toBeNull();
  });
});

describe("the Stats chart", () => {
  it("stacks every outcome and names each in its legend", () => {
    const series = (counts: number[]) =>
      counts.map((count, n) => [1_700_000_000 + n * 3600, count] as [number, number]);
    const { container } = render(
      <div style={{ width: 600, height: 240 }}>
        <StackedOutcomeChart
          hourly
          outcomes={[
            { outcome: "accepted", label: "Accepted", series: series([1, 0, 4]) },
            { outcome: "rate_limited", label: "Rate limited", series: series([0, 2, 3]) },
            { outcome: "client_discard", label: "Discarded by the SDK", series: series([0, 0, 1]) },
          ]}
        />
      </div>,
    );
    const legend = [...container.querySelectorAll("[aria-label=Legend] li")].map((item) => item.textContent);
    expect(legend).toEqual(["Accepted: 5", "Rate limited: 5", "Discarded by the SDK: 1"]);
    expect(container.querySelectorAll("[aria-label=Legend] .outcome-swatch")).toHaveLength(3);
  });
});
