import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OrgContext } from "../layout/org-context";
import { TeamsSettingsPage } from "../settings/TeamsSettingsPage";
import { json, orgAs, recordRequests } from "../settings/settings-test-support";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderAs(role: "admin" | "member") {
  return render(
    <MemoryRouter>
      <OrgContext.Provider value={{ org: orgAs(role), reloadOrg: () => undefined }}>
        <TeamsSettingsPage />
      </OrgContext.Provider>
    </MemoryRouter>,
  );
}

function answers(requests: ReturnType<typeof recordRequests>) {
  requests.reply = (sent) => {
    if (sent.method === "POST" && sent.url.endsWith("/teams/"))
      return json({ id: "9", slug: "mobile", name: "Mobile" });
    if (sent.method !== "GET") return json({});
    if (sent.url.startsWith(`/api/0/organizations/${orgAs("admin").slug}/teams/`))
      return json([
        { id: "1", slug: "web", name: "Web", memberCount: 1, projects: [{ id: "3", slug: "shop", name: "Shop" }] },
      ]);
    if (sent.url.includes("/teams/") && sent.url.endsWith("/members/"))
      return json([{ id: "11", email: "dana@example.com", name: "Dana" }]);
    if (sent.url.endsWith("/members/"))
      return json([
        { id: "11", email: "dana@example.com", name: "Dana" },
        { id: "12", email: "sam@example.com", name: "Sam" },
        { id: "13", email: "new@example.com", name: "new@example.com", pending: true },
      ]);
    if (sent.url.endsWith("/projects/"))
      return json([
        { slug: "shop", name: "Shop" },
        { slug: "billing", name: "Billing" },
      ]);
    return json([]);
  };
}

describe("Settings → Teams", () => {
  it("admins create teams and add members and projects to them", async () => {
    const requests = recordRequests();
    answers(requests);
    const org = orgAs("admin").slug;
    renderAs("admin");
    await screen.findByText("Dana");
    fireEvent.change(screen.getByLabelText("New team"), { target: { value: "Mobile" } });
    fireEvent.click(screen.getByRole("button", { name: "Create team" }));
    await screen.findByText("Team #mobile created.");
    expect(requests.sent).toContainEqual({
      url: `/api/0/organizations/${org}/teams/`,
      method: "POST",
      body: { name: "Mobile" },
    });

    const member = await screen.findByLabelText("Member to add to web");
    // Pending invitations and members already in the team are not offered.
    expect([...(member as HTMLSelectElement).options].map((option) => option.value)).toEqual(["", "12"]);
    fireEvent.change(member, { target: { value: "12" } });
    fireEvent.click(screen.getAllByRole("button", { name: "Add" })[0]!);
    await screen.findByText("Member added.");
    expect(
      requests.sent.some(
        (sent) => sent.method === "POST" && sent.url === `/api/0/organizations/${org}/members/12/teams/web/`,
      ),
    ).toBe(true);

    const project = screen.getByLabelText("Project to give web access to");
    expect([...(project as HTMLSelectElement).options].map((option) => option.value)).toEqual(["", "billing"]);
    fireEvent.change(project, { target: { value: "billing" } });
    fireEvent.click(screen.getAllByRole("button", { name: "Add" })[1]!);
    await screen.findByText("Project added.");
    expect(
      requests.sent.some((sent) => sent.method === "POST" && sent.url === `/api/0/projects/${org}/billing/teams/web/`),
    ).toBe(true);
  });

  it("members see teams, their members and projects, without controls", async () => {
    answers(recordRequests());
    renderAs("member");
    await screen.findByText("Dana");
    expect(screen.getByText("Shop")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Create team" })).toBeNull();
    expect(screen.queryByRole("button", { name: /Remove/ })).toBeNull();
    expect(screen.queryByRole("button", { name: "Delete team" })).toBeNull();
  });
});
