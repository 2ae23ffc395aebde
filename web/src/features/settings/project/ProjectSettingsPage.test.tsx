import { act, cleanup, render, screen } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { OrganizationDetail } from "../../../api/types";
import { OrgContext } from "../../layout/org-context";
import { SettingsLayout } from "../SettingsLayout";
import { json, orgAs, recordRequests } from "../settings-test-support";
import { ProjectSettingsPage } from "./ProjectSettingsPage";

const project = {
  id: "3",
  slug: "checkout",
  name: "Checkout",
  platform: "node",
  dateCreated: "2026-01-01T00:00:00Z",
  eventRetentionDays: 30,
  eventQuota: { window: 3600, count: 1000 },
  maxEventsPerIssue: null,
};

beforeEach(() => {
  const requests = recordRequests();
  requests.reply = (sent) => (sent.url.endsWith("/keys/") ? json([]) : json(project));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function renderAs(org: OrganizationDetail) {
  await act(async () => {
    render(
      <MemoryRouter initialEntries={["/organizations/acme/settings/projects/checkout/"]}>
        <OrgContext.Provider value={{ org, reloadOrg: () => undefined }}>
          <Routes>
            <Route path="/organizations/:org/settings" element={<SettingsLayout />}>
              <Route path="projects/:project" element={<ProjectSettingsPage />} />
            </Route>
          </Routes>
        </OrgContext.Provider>
      </MemoryRouter>,
    );
  });
}

describe("a project's settings page", () => {
  it("sits in the settings section, with the project's saved limits", async () => {
    await renderAs(orgAs("admin"));
    const nav = screen.getByRole("navigation", { name: "Settings" });
    expect([...nav.querySelectorAll("a")].map((link) => link.textContent)).toEqual([
      "Organization",
      "Members",
      "Teams",
      "Projects",
      "Account",
    ]);
    expect(screen.getByRole("link", { name: "Projects" }).className).toContain("active");
    expect(screen.getByRole("heading", { name: "Checkout · settings" })).toBeTruthy();
    expect((screen.getByLabelText("Retention (days)") as HTMLInputElement).value).toBe("30");
    expect((screen.getByLabelText("Quota events") as HTMLInputElement).value).toBe("1000");
    expect(screen.getByLabelText("Name").closest("fieldset")?.disabled).toBe(false);
  });

  it("is read-only for a viewer: forms and deletion disabled, with who may", async () => {
    await renderAs(orgAs("viewer"));
    await screen.findByRole("heading", { name: "Checkout · settings" });
    expect(screen.getByText(/Only the organization's owners and admins change these settings/)).toBeTruthy();
    expect(screen.getByLabelText("Name").closest("fieldset")?.disabled).toBe(true);
    expect(screen.getByLabelText("Retention (days)").closest("fieldset")?.disabled).toBe(true);
    expect(screen.getByLabelText("Type checkout to confirm").closest("fieldset")?.disabled).toBe(true);
  });
});
