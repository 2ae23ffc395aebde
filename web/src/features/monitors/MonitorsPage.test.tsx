import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderOrgPage } from "../test-support";
import { describeSchedule, formatDuration } from "./format";
import { MonitorsPage } from "./MonitorsPage";
import type { CheckIn, Monitor } from "./types";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

const config: Monitor["config"] = {
  schedule_type: "crontab",
  schedule: "0 3 * * *",
  checkin_margin: 5,
  max_runtime: 30,
  timezone: "Europe/Vienna",
  failure_issue_threshold: 1,
  recovery_threshold: 1,
};

const monitor = (overrides: Partial<Monitor>): Monitor => ({
  id: "6f1c8d3e-0000-4000-8000-000000000001",
  slug: "nightly-report",
  name: "Nightly report",
  status: "active",
  isMuted: false,
  config,
  dateCreated: "2026-06-01T00:00:00Z",
  project: { id: "1", slug: "checkout", name: "Checkout" },
  environments: [
    {
      name: "production",
      status: "missed_checkin",
      isMuted: false,
      lastCheckIn: new Date().toISOString(),
      nextCheckIn: "2026-06-03T01:00:00Z",
      nextCheckInLatest: "2026-06-03T01:05:00Z",
    },
  ],
  ...overrides,
});

const checkIn = (overrides: Partial<CheckIn>): CheckIn => ({
  id: "a",
  environment: "production",
  status: "ok",
  duration: 12_500,
  dateCreated: new Date().toISOString(),
  expectedTime: null,
  ...overrides,
});

let monitors: Monitor[] = [];
let checkIns: CheckIn[] = [];
const requested: string[] = [];

beforeEach(() => {
  requested.length = 0;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string) => {
      requested.push(input);
      const path = new URL(input, "http://dashboard.test").pathname;
      if (path === "/api/0/") return json({ version: "0", user: { id: "1", email: "dana@example.com", name: "Dana" } });
      if (path === "/api/0/organizations/acme/monitors/") return json(monitors);
      if (path === "/api/0/organizations/acme/monitors/nightly-report/checkins/") return json(checkIns);
      return json({ detail: "Not found" }, 404);
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderPage = () =>
  renderOrgPage(
    "/organizations/acme/projects/checkout/monitors/",
    "/organizations/:org/projects/:project/monitors",
    <MonitorsPage />,
  );

describe("the cron monitors page", () => {
  it("lists the project's monitors with schedule, environment, last status and next run", async () => {
    monitors = [
      monitor({}),
      monitor({
        id: "2",
        slug: "other",
        name: "Other project's job",
        project: { id: "2", slug: "shop", name: "Shop" },
      }),
      monitor({
        id: "3",
        slug: "sync",
        name: "Sync",
        isMuted: true,
        config: { ...config, schedule_type: "interval", schedule: [2, "hour"] },
        environments: [],
      }),
    ];
    renderPage();
    const rows = (await screen.findAllByRole("row")).slice(1);
    expect(rows).toHaveLength(2);
    const first = within(rows[0]!);
    expect(first.getByRole("button", { name: "Nightly report" })).toBeTruthy();
    expect(first.getByText("0 3 * * * (Europe/Vienna)")).toBeTruthy();
    expect(first.getByText("production")).toBeTruthy();
    expect(first.getByText("missed").className).toContain("monitor-status-failed");
    expect(first.getByText(new Date("2026-06-03T01:00:00Z").toLocaleString())).toBeTruthy();
    const second = within(rows[1]!);
    expect(second.getByText("every 2 hours")).toBeTruthy();
    expect(second.getByText(/muted/)).toBeTruthy();
    expect(second.getByText("waiting")).toBeTruthy();
    expect(screen.queryByText("Other project's job")).toBeNull();
  });

  it("opens a monitor's check-in timeline: ok, error, missed and timeout runs with durations", async () => {
    monitors = [monitor({})];
    checkIns = [
      checkIn({ id: "4", status: "timeout", duration: null }),
      checkIn({ id: "3", status: "missed", duration: null }),
      checkIn({ id: "2", status: "error", duration: 850 }),
      checkIn({ id: "1", status: "ok", duration: 200_000 }),
    ];
    renderPage();
    fireEvent.click(await screen.findByRole("button", { name: "Nightly report" }));
    const timeline = await screen.findByRole("list", { name: "Check-in timeline" });
    // Oldest on the left.
    expect(
      within(timeline)
        .getAllByRole("listitem")
        .map((tick) => tick.textContent),
    ).toEqual(["ok", "error", "missed", "timeout"]);
    expect(screen.getByText("3 min 20 s")).toBeTruthy();
    expect(screen.getByText("850 ms")).toBeTruthy();
    expect(requested.some((url) => url.includes("/monitors/nightly-report/checkins/"))).toBe(true);
  });

  it("says how to add a monitor when there is none", async () => {
    monitors = [];
    renderPage();
    expect(await screen.findByText("No monitors yet")).toBeTruthy();
  });
});

describe("formatting", () => {
  it("describes schedules and durations", () => {
    expect(describeSchedule({ ...config, timezone: "UTC" })).toBe("0 3 * * *");
    expect(describeSchedule({ ...config, schedule: [1, "day"] })).toBe("every day");
    expect(formatDuration(12_500)).toBe("12.5 s");
    expect(formatDuration(120_000)).toBe("2 min");
    expect(formatDuration(null)).toBe("—");
  });
});
