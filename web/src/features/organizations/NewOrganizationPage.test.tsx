import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AuthProvider } from "../auth/auth-context";
import { json, recordRequests } from "../settings/settings-test-support";
import { NewOrganizationPage } from "./NewOrganizationPage";

let requests: ReturnType<typeof recordRequests>;
let answers: Record<string, () => Response>;
beforeEach(() => {
  requests = recordRequests();
  answers = {};
  requests.reply = (sent) => answers[`${sent.method} ${sent.url}`]?.() ?? json({ detail: "not here" }, 404);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function renderAs(isSuperuser: boolean) {
  answers["GET /api/0/"] = () =>
    json({ version: "0", user: { id: "1", email: "a@example.com", name: "A", isSuperuser } });
  await act(async () => {
    render(
      <MemoryRouter initialEntries={["/organizations/new/"]}>
        <AuthProvider>
          <Routes>
            <Route path="/organizations/new" element={<NewOrganizationPage />} />
            <Route path="/organizations/:org/projects/new" element={<p>new project form</p>} />
          </Routes>
        </AuthProvider>
      </MemoryRouter>,
    );
  });
}

const create = () =>
  act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Create organization" }));
  });

describe("the new organization page", () => {
  it("creates the organization and goes on to its first project", async () => {
    await renderAs(true);
    answers["POST /api/0/organizations/"] = () => json({ id: "2", slug: "widgets", name: "Widgets" }, 201);
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Widgets" } });
    await create();
    expect(requests.sent.at(-1)).toEqual({ url: "/api/0/organizations/", method: "POST", body: { name: "Widgets" } });
    expect(await screen.findByText("new project form")).toBeTruthy();
  });

  it("checks the name and slug before sending and shows the server's refusal", async () => {
    await renderAs(true);
    await create();
    expect(screen.getByRole("alert").textContent).toBe("Name: give a name.");
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Widgets" } });
    fireEvent.change(screen.getByLabelText("Slug (optional)"), { target: { value: "Widgets!" } });
    await create();
    expect(screen.getByRole("alert").textContent).toMatch(/^Slug: lowercase letters/);
    expect(requests.sent.filter((sent) => sent.method === "POST")).toEqual([]);
    answers["POST /api/0/organizations/"] = () => json({ detail: 'An organization "widgets" exists already.' }, 409);
    fireEvent.change(screen.getByLabelText("Slug (optional)"), { target: { value: "widgets" } });
    await create();
    expect(screen.getByRole("alert").textContent).toBe('An organization "widgets" exists already.');
  });

  it("is disabled for everyone but the install's administrators, and says whom to ask", async () => {
    await renderAs(false);
    expect(screen.getByLabelText("Name").closest("fieldset")?.disabled).toBe(true);
    expect(screen.getByRole("status").textContent).toMatch(/Only the administrators of this Faultline install/);
  });
});
