import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { OrganizationForm } from "./OrganizationForm";
import { json, orgAs, recordRequests } from "./settings-test-support";

let requests: ReturnType<typeof recordRequests>;
beforeEach(() => {
  requests = recordRequests();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const save = () =>
  act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Save changes" }));
  });

describe("the organization form", () => {
  it("sends only what changed to Sentry's PUT /organizations/{org}/ and says Saved", async () => {
    const onSaved = vi.fn();
    render(<OrganizationForm org={orgAs("admin")} onSaved={onSaved} />);
    requests.reply = () => json({ slug: "acme-corp", name: "Acme" });
    fireEvent.change(screen.getByLabelText("Slug"), { target: { value: "acme-corp" } });
    await save();
    expect(requests.sent).toEqual([{ url: "/api/0/organizations/acme/", method: "PUT", body: { slug: "acme-corp" } }]);
    expect(onSaved).toHaveBeenCalledWith({ slug: "acme-corp", name: "Acme" });
    expect(screen.getByRole("status").textContent).toBe("Saved.");
  });

  it("refuses a bad slug or an empty name before sending", async () => {
    render(<OrganizationForm org={orgAs("owner")} onSaved={vi.fn()} />);
    fireEvent.change(screen.getByLabelText("Slug"), { target: { value: "Acme Corp" } });
    await save();
    expect(screen.getByRole("alert").textContent).toMatch(/^Slug: lowercase letters, digits and dashes/);
    fireEvent.change(screen.getByLabelText("Slug"), { target: { value: "acme" } });
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "  " } });
    await save();
    expect(screen.getByRole("alert").textContent).toBe("Name: give a name.");
    expect(requests.sent).toEqual([]);
  });

  it("shows the server's refusal and does not say Saved", async () => {
    const onSaved = vi.fn();
    render(<OrganizationForm org={orgAs("owner")} onSaved={onSaved} />);
    requests.reply = () => json({ detail: 'slug: "rival" is taken' }, 409);
    fireEvent.change(screen.getByLabelText("Slug"), { target: { value: "rival" } });
    await save();
    expect(screen.getByRole("alert").textContent).toBe('slug: "rival" is taken');
    expect(screen.queryByRole("status")).toBeNull();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it("shows the two-factor and open-membership toggles only when the organization has the fields", async () => {
    const { unmount } = render(<OrganizationForm org={orgAs("owner")} onSaved={vi.fn()} />);
    expect(screen.queryByLabelText(/Require two-factor authentication/)).toBeNull();
    expect(screen.queryByLabelText(/Open membership/)).toBeNull();
    unmount();
    render(<OrganizationForm org={orgAs("owner", { require2FA: false, openMembership: true })} onSaved={vi.fn()} />);
    requests.reply = () => json({ slug: "acme", name: "Acme" });
    fireEvent.click(screen.getByLabelText(/Require two-factor authentication/));
    fireEvent.click(screen.getByLabelText(/Open membership/));
    await save();
    expect(requests.sent[0]?.body).toEqual({ require2FA: true, openMembership: false });
  });

  it("is read-only for members and viewers, and says who may change it", () => {
    for (const role of ["member", "viewer"] as const) {
      const { unmount } = render(<OrganizationForm org={orgAs(role)} onSaved={vi.fn()} />);
      // The fieldset disables every control in it (jsdom does not apply it to :disabled).
      expect(screen.getByLabelText("Name").closest("fieldset")?.disabled).toBe(true);
      expect(screen.getByRole("button", { name: "Save changes" }).closest("fieldset")?.disabled).toBe(true);
      expect(screen.getByText(/Only the organization's owners and admins/)).toBeTruthy();
      unmount();
    }
  });
});
