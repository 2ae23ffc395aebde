import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { StatsV2 } from "../../api/types";
import { OrgContext } from "../layout/org-context";
import { TEST_ORG } from "../test-support";
import { StatsPage, summarizeOutcomes } from "./StatsPage";

const intervals = ["2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z"];
const group = (outcome: string, reason: string, counts: number[]) => ({
  by: { outcome, reason },
  totals: { "sum(quantity)": counts.reduce((sum, n) => sum + n, 0) },
  series: { "sum(quantity)": counts },
});
const stats: StatsV2 = {
  intervals,
  groups: [
    group("accepted", "", [3, 0, 4]),
    group("rate_limited", "key_quota", [0, 5, 0]),
    group("rate_limited", "quota_exceeded", [1, 0, 0]),
    group("client_discard", "sample_rate", [0, 0, 2]),
  ],
};

describe("summarizeOutcomes", () => {
  it("gives every outcome a series, sums reasons, and keeps zero outcomes", () => {
    const summary = summarizeOutcomes(stats);
    expect(summary.map((item) => [item.outcome, item.total])).toEqual([
      ["accepted", 7],
      ["filtered", 0],
      ["rate_limited", 6],
      ["invalid", 0],
      ["client_discard", 2],
    ]);
    const limited = summary.find((item) => item.outcome === "rate_limited");
    expect(limited?.series.map(([, count]) => count)).toEqual([1, 5, 0]);
    expect(limited?.reasons).toEqual([
      { reason: "key_quota", total: 5 },
      { reason: "quota_exceeded", total: 1 },
    ]);
  });
});

const requests: URL[] = [];
beforeEach(() => {
  requests.length = 0;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string) => {
      const url = new URL(input, "http://dashboard.test");
      requests.push(url);
      const body = url.pathname.endsWith("/stats_v2/") ? stats : [];
      return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the Stats page", () => {
  it("asks stats_v2 for outcomes and reasons and shows every outcome with its reasons", async () => {
    render(
      <MemoryRouter>
        <OrgContext.Provider value={{ org: TEST_ORG, reloadOrg: () => undefined }}>
          <StatsPage />
        </OrgContext.Provider>
      </MemoryRouter>,
    );
    await waitFor(() => expect(screen.getByText(/Rate limited: 6/)).toBeTruthy());
    expect(screen.getByText(/Accepted: 7/)).toBeTruthy();
    expect(screen.getByText(/Filtered: 0/)).toBeTruthy();
    expect(screen.getByText(/Invalid: 0/)).toBeTruthy();
    expect(screen.getByText(/Discarded by the SDK: 2/)).toBeTruthy();
    expect(screen.getByText(/key_quota 5, quota_exceeded 1/)).toBeTruthy();
    const query = requests.find((url) => url.pathname.endsWith("/stats_v2/"))?.searchParams;
    expect(query?.getAll("groupBy")).toEqual(["outcome", "reason"]);
    expect(query?.get("category")).toBe("error");
    expect(query?.get("field")).toBe("sum(quantity)");
  });
});
