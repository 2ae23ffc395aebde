import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OrgContext } from "../layout/org-context";
import { InvitationsPanel } from "./InvitationsPanel";
import { json, orgAs, recordRequests } from "./settings-test-support";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const pending = {
  id: "7",
  email: "pat@example.com",
  orgRole: "member",
  pending: true,
  expired: true,
  inviterName: "Dana",
};

function renderAs(role: "owner" | "admin" | "member") {
  return render(
    <MemoryRouter>
      <OrgContext.Provider value={{ org: orgAs(role), reloadOrg: () => undefined }}>
        <InvitationsPanel />
      </OrgContext.Provider>
    </MemoryRouter>,
  );
}

describe("the invitations panel", () => {
  it("invites with Sentry's orgRole and shows the link to copy when the server sends no email", async () => {
    const requests = recordRequests();
    requests.reply = (sent) =>
      sent.method === "POST"
        ? json(
            {
              ...pending,
              id: "8",
              email: "new@example.com",
              expired: false,
              emailed: false,
              inviteLink: "http://x/accept/8/abc/",
            },
            201,
          )
        : json([{ id: "1", email: "dana@example.com", orgRole: "owner", pending: false, expired: false }, pending]);
    renderAs("admin");
    await screen.findByText("pat@example.com");
    expect(screen.getByText("expired")).toBeTruthy();
    expect(screen.queryByText("dana@example.com")).toBeNull();
    // Admins cannot invite owners.
    expect((screen.getByRole("option", { name: "owner" }) as HTMLOptionElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText("Email to invite"), { target: { value: "new@example.com" } });
    fireEvent.change(screen.getByLabelText("Role of the invited person"), { target: { value: "admin" } });
    fireEvent.click(screen.getByRole("button", { name: "Invite" }));
    await screen.findByLabelText("Invitation link for new@example.com");
    expect(screen.getByText("http://x/accept/8/abc/")).toBeTruthy();
    expect(requests.sent.find((sent) => sent.method === "POST")).toMatchObject({
      url: "/api/0/organizations/acme/members/",
      body: { email: "new@example.com", orgRole: "admin" },
    });
  });

  it("re-sends with reinvite, and members see the list without the controls", async () => {
    const requests = recordRequests();
    requests.reply = (sent) =>
      sent.method === "PUT" ? json({ ...pending, expired: false, emailed: true }) : json([pending]);
    renderAs("owner");
    await screen.findByText("pat@example.com");
    fireEvent.click(screen.getByRole("button", { name: "Re-send" }));
    await screen.findByText("A new invitation was sent to pat@example.com.");
    expect(requests.sent.find((sent) => sent.method === "PUT")).toMatchObject({
      url: "/api/0/organizations/acme/members/7/",
      body: { reinvite: true },
    });
    cleanup();
    recordRequests().reply = () => json([pending]);
    renderAs("member");
    await screen.findByText("pat@example.com");
    await waitFor(() => expect(screen.queryByRole("button", { name: "Re-send" })).toBeNull());
    expect(screen.queryByLabelText("Email to invite")).toBeNull();
  });
});
