import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderOrgPage } from "../test-support";
import { ReleasePage } from "./ReleasePage";
import type { ReleaseDetail } from "./release-types";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
const VERSION = "shop@2.0+build/7";
const ENCODED = encodeURIComponent(VERSION);

const release: ReleaseDetail = {
  id: 3,
  version: VERSION,
  dateCreated: "2026-12-01T10:00:00Z",
  dateReleased: "2026-12-01T11:00:00Z",
  firstEvent: null,
  lastEvent: null,
  newGroups: 2,
  commitCount: 1,
  deployCount: 1,
  lastDeploy: null,
  deploys: [],
  projects: [
    {
      id: 1,
      slug: "checkout",
      name: "Checkout",
      newGroups: 2,
      healthData: {
        hasHealthData: true,
        crashFreeSessions: 98.5,
        crashFreeUsers: 97.25,
        totalSessions: 1200,
        totalUsers: 1,
        environments: {},
      },
    },
  ],
};

let answers: Record<string, () => Response>;
beforeEach(() => {
  answers = {
    [`/api/0/projects/acme/checkout/releases/${ENCODED}/`]: () => json(release),
    [`/api/0/projects/acme/checkout/releases/${ENCODED}/new-issues/`]: () =>
      json([
        {
          id: "41",
          shortId: "CHECKOUT-41",
          title: "TypeError: total is undefined",
          culprit: "cart.js",
          level: "error",
          status: "unresolved",
          count: "1",
          userCount: 1,
          lastSeen: new Date().toISOString(),
        },
      ]),
    [`/api/0/projects/acme/checkout/releases/${ENCODED}/commits/`]: () =>
      json([
        {
          id: "f00dcafe1234567890",
          message: "Fix the cart total\n\nLonger body",
          dateCreated: "2026-12-01T09:00:00Z",
          author: { name: "Dana", email: "dana@example.com" },
          repository: { name: "acme/shop" },
        },
      ]),
    [`/api/0/organizations/acme/releases/${ENCODED}/deploys/`]: () =>
      json([
        {
          id: "1",
          environment: "production",
          name: "Deploy 7",
          url: null,
          dateStarted: null,
          dateFinished: new Date().toISOString(),
        },
      ]),
    "/api/0/projects/acme/checkout/files/artifact-bundles/": () =>
      json([{ bundleId: "b-1", date: "", fileCount: 4, size: 2048, associations: [{ release: VERSION, dist: null }] }]),
    [`/api/0/projects/acme/checkout/releases/${ENCODED}/files/`]: () =>
      json([{ id: "9", name: "~/static/app.js.map", dist: "web", size: 512, dateCreated: "" }]),
  };
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string) => {
      const path = new URL(input, "http://dashboard.test").pathname;
      if (path === "/api/0/") return json({ version: "0", user: { id: "1", email: "dana@example.com", name: "Dana" } });
      return answers[path]?.() ?? json({ detail: "Not found" }, 404);
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderPage = () =>
  renderOrgPage(
    `/organizations/acme/projects/checkout/releases/${ENCODED}/`,
    "/organizations/:org/projects/:project/releases/:version",
    <ReleasePage />,
  );

describe("the release page", () => {
  it("shows health, new issues, commits, deploys and artifacts of the release", async () => {
    renderPage();
    expect(await screen.findByRole("heading", { name: VERSION })).toBeTruthy();
    expect(screen.getByRole("group", { name: "Crash-free sessions" }).textContent).toBe(
      "Crash-free sessions98.5%1,200 sessions",
    );
    expect(screen.getByRole("group", { name: "Crash-free users" }).textContent).toBe("Crash-free users97.25%1 user");
    expect(screen.getByRole("group", { name: "New issues" }).textContent).toContain("2");

    const issues = screen.getByRole("region", { name: "New issues" });
    const link = await within(issues).findByRole("link", { name: "TypeError: total is undefined" });
    expect(link.getAttribute("href")).toBe("/organizations/acme/issues/41/");
    expect(issues.textContent).toContain("1 event");

    const commits = screen.getByRole("region", { name: "Commits" });
    expect(await within(commits).findByText("Fix the cart total")).toBeTruthy();
    expect(commits.textContent).toContain("f00dcafe1234 · Dana · acme/shop");
    expect(await within(screen.getByRole("region", { name: "Deploys" })).findByText("production")).toBeTruthy();

    const artifacts = screen.getByRole("region", { name: "Artifacts" });
    expect(await within(artifacts).findByText("Bundle b-1")).toBeTruthy();
    expect(artifacts.textContent).toContain("4 files · 2.0 KB");
    expect(artifacts.textContent).toContain("~/static/app.js.map512 B · dist web");
  });

  it("says what is missing instead of empty panels", async () => {
    for (const key of Object.keys(answers))
      if (key !== `/api/0/projects/acme/checkout/releases/${ENCODED}/`) answers[key] = () => json([]);
    renderPage();
    expect(await screen.findByText("No issue was first seen in this release.")).toBeTruthy();
    expect(await screen.findByText(/No commits/)).toBeTruthy();
    expect(await screen.findByText(/Not deployed/)).toBeTruthy();
    expect(await screen.findByText(/No artifacts/)).toBeTruthy();
  });

  it("says the release does not exist", async () => {
    answers[`/api/0/projects/acme/checkout/releases/${ENCODED}/`] = () => json({ detail: "Release not found" }, 404);
    renderPage();
    expect((await screen.findByRole("alert")).textContent).toContain("Release not found");
  });
});
