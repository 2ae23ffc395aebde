import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type {
  SystemFailedJob,
  SystemIngest,
  SystemNotificationFailure,
  SystemQueue,
  SystemStorage,
} from "../../api/system-types";
import { AuthProvider } from "../auth/auth-context";
import { Layout, NotFoundPage } from "../layout/Layout";
import { SystemPage } from "./SystemPage";

const HOUR = 3_600_000;
const start = Math.floor(Date.now() / HOUR) * HOUR - 23 * HOUR;
const ingest: SystemIngest = {
  period: "24h",
  category: "error",
  bucketSeconds: 3600,
  intervals: Array.from({ length: 24 }, (_, n) => new Date(start + n * HOUR).toISOString()),
  accepted: Array.from({ length: 24 }, (_, n) => n * 10),
  refused: [{ outcome: "rate_limited", reason: "key_quota", total: 7, series: [...new Array(23).fill(0), 7] }],
  totals: { accepted: 2760, refused: 7 },
};
const queues: SystemQueue[] = [
  { name: "ingest", waiting: 12, active: 3, delayed: 0, failed: 1, oldestWaitingAgeSeconds: 95 },
  { name: "alerts", waiting: 0, active: 0, delayed: 2, scheduled: 3, failed: 0, oldestWaitingAgeSeconds: 0 },
];
const failedJobs: SystemFailedJob[] = [
  {
    queue: "ingest",
    id: "41",
    name: "event.process",
    projectId: 3,
    attempts: 8,
    failedAt: new Date().toISOString(),
    reason: "connection refused",
  },
];
const notificationFailures: SystemNotificationFailure[] = [
  {
    id: "5",
    organization: "acme",
    project: "checkout",
    ruleId: 2,
    kind: "alert",
    channel: "webhook",
    target: "https://hooks.example.com/x",
    attempts: 6,
    lastError: "HTTP 500",
    createdAt: new Date().toISOString(),
    failedAt: new Date().toISOString(),
  },
  {
    id: "4",
    organization: "acme",
    project: "checkout",
    ruleId: 2,
    kind: "alert",
    channel: "email",
    target: "oncall@example.com",
    attempts: 6,
    lastError: "SMTP 421",
    createdAt: new Date().toISOString(),
    failedAt: new Date().toISOString(),
    recoveredAt: "2026-03-01T10:00:00Z",
  },
];
const MB = 1024 * 1024;
const storage: SystemStorage = {
  databaseBytes: 300 * MB,
  eventTables: [
    { table: "event", bytes: 200 * MB },
    { table: "attachment", bytes: 10 * MB },
  ],
  eventBytes: 210 * MB,
  storedEvents: 100_000,
  budgetBytes: 1024 * MB,
  defaultRetentionDays: 90,
  rateWindowDays: 7,
  forecast: {
    status: "will_exceed",
    bytesPerEvent: 2200,
    growthBytesPerDay: 20 * MB,
    steadyStateBytes: 1800 * MB,
    steadyStateAt: "2030-01-01T00:00:00Z",
    budgetReachedAt: "2029-06-01T12:00:00Z",
  },
};

let superuser = true;
const writes: { url: string; body: unknown }[] = [];

function answer(url: string): unknown {
  if (url.startsWith("/api/0/internal/system/ingest/")) return ingest;
  if (url.startsWith("/api/0/internal/system/queues/")) return queues;
  if (url.startsWith("/api/0/internal/system/failed-jobs/")) return failedJobs;
  if (url.startsWith("/api/0/internal/system/notification-failures/")) return notificationFailures;
  if (url.startsWith("/api/0/internal/system/storage/")) return storage;
  if (url === "/api/0/organizations/") return [{ id: "1", slug: "acme", name: "Acme" }];
  if (url.startsWith("/api/0/organizations/")) return [];
  return { version: "0", user: { id: "1", email: "root@example.com", name: "Root", isSuperuser: superuser } };
}

beforeEach(() => {
  superuser = true;
  writes.length = 0;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      if (init?.method === "POST") {
        writes.push({ url, body: JSON.parse(String(init.body ?? "null")) });
        return new Response(JSON.stringify({ replayed: ["41"], missing: [] }), { status: 200 });
      }
      return new Response(JSON.stringify(answer(url)), {
        status: 200,
        headers: { "Content-Type": "application/json" },
      });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderSystem(url = "/manage/system/") {
  return render(
    <MemoryRouter initialEntries={[url]}>
      <AuthProvider>
        <Routes>
          <Route element={<Layout />}>
            <Route path="/manage/system" element={<SystemPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </AuthProvider>
    </MemoryRouter>,
  );
}

describe("the System page", () => {
  it("shows ingest outcomes, queues, storage and its forecast", async () => {
    renderSystem();
    expect(await screen.findByText("2.8k")).toBeTruthy();
    expect(screen.getAllByText("rate limited: key_quota").length).toBeGreaterThan(0);
    const ingestRow = (await screen.findByText("ingest")).closest("tr") as HTMLElement;
    expect(within(ingestRow).getByText("12")).toBeTruthy();
    expect(within(ingestRow).getByText("1 min 35 s")).toBeTruthy();
    expect(await screen.findByText("210 MB")).toBeTruthy();
    expect(screen.getByText("300 MB")).toBeTruthy();
    expect(screen.getByRole("status", { name: "" }).textContent ?? "").toMatch(/1\.0 GB budget is reached around/);
    expect(screen.getByText("HTTP 500")).toBeTruthy();
    expect(screen.getByText("https://hooks.example.com/x")).toBeTruthy();
  });

  it("replays a failed job through the API", async () => {
    renderSystem();
    const button = await screen.findByRole("button", { name: "Replay job 41" });
    await act(async () => {
      fireEvent.click(button);
    });
    expect(writes).toEqual([
      { url: "/api/0/internal/system/failed-jobs/replay/", body: { queue: "ingest", ids: ["41"] } },
    ]);
  });

  it("links the page in the nav for superusers only", async () => {
    renderSystem();
    expect(await screen.findByRole("link", { name: "System" })).toBeTruthy();
    cleanup();
    superuser = false;
    renderSystem();
    expect(await screen.findByText("Only superusers can see the system status")).toBeTruthy();
    expect(screen.queryByRole("link", { name: "System" })).toBeNull();
  });

  it("shows a failure that was delivered again since as recovered, not as failing", async () => {
    renderSystem();
    const recovered = (await screen.findByText("SMTP 421")).closest("tr") as HTMLElement;
    expect(recovered.dataset.recovered).toBe("true");
    expect(within(recovered).getByText(/Delivered again since/)).toBeTruthy();
    const failing = screen.getByText("HTTP 500").closest("tr") as HTMLElement;
    expect(failing.dataset.recovered).toBeUndefined();
  });

  it("counts the maintenance schedule apart from delayed retries", async () => {
    renderSystem();
    const alertsRow = (await screen.findByText("alerts")).closest("tr") as HTMLElement;
    const cells = within(alertsRow)
      .getAllByRole("cell")
      .map((cell) => cell.textContent);
    const headers = screen.getAllByRole("columnheader").map((cell) => cell.textContent);
    expect(cells[headers.indexOf("Delayed")]).toBe("2");
    expect(cells[headers.indexOf("Scheduled")]).toBe("3");
  });

  it("keeps the organization's navigation on the System page and on unknown addresses", async () => {
    renderSystem();
    const issues = await screen.findByRole("link", { name: "Issues" });
    expect(issues.getAttribute("href")).toBe("/organizations/acme/issues/");
    cleanup();
    renderSystem("/no/such/page/");
    expect(await screen.findByText("Page not found")).toBeTruthy();
    expect((await screen.findByRole("link", { name: "Settings" })).getAttribute("href")).toBe(
      "/organizations/acme/settings/",
    );
  });
});
