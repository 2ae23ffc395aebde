import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AuthProvider } from "../auth/auth-context";
import { json, recordRequests } from "../settings/settings-test-support";
import { AccountPage } from "./AccountPage";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the account page", () => {
  it("shows profile, password, sessions and tokens; signs out the other sessions", async () => {
    const requests = recordRequests();
    requests.reply = (sent) => {
      if (sent.url === "/api/0/")
        return json({ version: "0", user: { id: "1", email: "ana@example.com", name: "Ana" } });
      if (sent.url === "/api/0/users/me/sessions/")
        return sent.method === "DELETE"
          ? json({ ended: 2 })
          : json([
              { id: "1", current: true, dateCreated: "2026-12-01T00:00:00Z", expires: "2026-12-15T00:00:00Z" },
              { id: "2", current: false, dateCreated: "2026-11-30T00:00:00Z", expires: "2026-12-14T00:00:00Z" },
            ]);
      return json([]);
    };
    vi.stubGlobal("confirm", () => true);
    render(
      <MemoryRouter>
        <AuthProvider>
          <AccountPage />
        </AuthProvider>
      </MemoryRouter>,
    );
    for (const heading of ["Profile", "Password", "Sessions", "API tokens"])
      expect(screen.getByRole("heading", { name: heading })).toBeTruthy();
    expect(await screen.findByDisplayValue("ana@example.com")).toBeTruthy();
    await screen.findByText("Another browser");
    fireEvent.click(screen.getByRole("button", { name: "Sign out everywhere else" }));
    await screen.findByText("Signed out 2 other sessions.");
    expect(requests.sent.some((sent) => sent.method === "DELETE" && sent.url === "/api/0/users/me/sessions/")).toBe(
      true,
    );
  });
});
