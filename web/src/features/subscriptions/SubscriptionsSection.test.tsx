import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, recordRequests } from "../settings/settings-test-support";
import { SubscriptionsSection } from "./SubscriptionsSection";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the account page's subscriptions", () => {
  it("lists subscribed issues, unsubscribes from one and turns workflow emails off", async () => {
    const requests = recordRequests();
    let subscribed = true;
    let emails = true;
    requests.reply = (sent) => {
      if (sent.url === "/api/0/users/me/notifications/") {
        if (sent.method === "PUT") emails = (sent.body as { workflowEmails: boolean }).workflowEmails;
        return json({ workflowEmails: emails });
      }
      if (sent.url === "/api/0/users/me/subscriptions/7/" && sent.method === "DELETE") {
        subscribed = false;
        return new Response(null, { status: 204 });
      }
      if (sent.url === "/api/0/users/me/subscriptions/")
        return json(
          subscribed
            ? [
                {
                  issue: {
                    id: "7",
                    shortId: "SHOP-3",
                    title: "TypeError: card declined",
                    status: "unresolved",
                    organization: { slug: "acme" },
                  },
                  dateSubscribed: "2026-12-01T00:00:00Z",
                },
              ]
            : [],
        );
      return json({});
    };
    render(
      <MemoryRouter>
        <SubscriptionsSection />
      </MemoryRouter>,
    );
    expect(screen.getByRole("heading", { name: "Subscriptions" })).toBeTruthy();
    const link = await screen.findByRole("link", { name: "SHOP-3" });
    expect(link.getAttribute("href")).toBe("/organizations/acme/issues/7");
    fireEvent.click(screen.getByRole("button", { name: "Unsubscribe" }));
    await screen.findByText("Unsubscribed from SHOP-3.");
    await screen.findByText("You are not subscribed to any issue.");

    const box = screen.getByRole("checkbox", { name: "Email me about the issues I am subscribed to" });
    await vi.waitFor(() => expect((box as HTMLInputElement).disabled).toBe(false));
    expect((box as HTMLInputElement).checked).toBe(true);
    fireEvent.click(box);
    await screen.findByText("Workflow emails are off.");
    expect(requests.sent).toContainEqual({
      url: "/api/0/users/me/notifications/",
      method: "PUT",
      body: { workflowEmails: false },
    });
  });
});
