import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { EventAttachment } from "../../../api/types";
import { EventAttachments, formatBytes } from "./Attachments";
import { EventUserReport } from "./EventUserReport";

const EVENT = "b".repeat(32);
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
const attachment = (overrides: Partial<EventAttachment>): EventAttachment => ({
  id: "5",
  event_id: EVENT,
  type: "event.attachment",
  name: "log.txt",
  mimetype: "text/plain",
  size: 2048,
  sha1: "x",
  dateCreated: "2026-12-01T10:00:00Z",
  // The API's absolute URL may name a host the browser cannot reach: the link must not use it.
  downloadUrl: "http://internal.example:3000/api/0/elsewhere/",
  ...overrides,
});

let answer: () => Response;
beforeEach(() => {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string) =>
      new URL(input, "http://dashboard.test").pathname === `/api/0/projects/acme/checkout/events/${EVENT}/attachments/`
        ? answer()
        : json({ detail: "Not found" }, 404),
    ),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("an event's attachments", () => {
  it("lists each file with its kind and size, and a download link on the dashboard's origin", async () => {
    answer = () =>
      json([attachment({}), attachment({ id: "6", type: "event.minidump", name: "crash.dmp", size: 3 * 1024 * 1024 })]);
    render(<EventAttachments projectPath="/projects/acme/checkout/" eventId={EVENT} />);
    const items = await screen.findAllByRole("listitem");
    expect(items.map((item) => item.textContent)).toEqual([
      "log.txtAttachment · 2.0 KBDownload",
      "crash.dmpMinidump · 3.0 MBDownload",
    ]);
    const link = within(items[1]!).getByRole("link", { name: "Download" });
    expect(link.getAttribute("href")).toBe(`/api/0/projects/acme/checkout/events/${EVENT}/attachments/6/?download=1`);
    expect(link.hasAttribute("download")).toBe(true);
  });

  it("shows nothing when the event has none, and the error when the list fails", async () => {
    answer = () => json([]);
    const { container } = render(<EventAttachments projectPath="/projects/acme/checkout/" eventId={EVENT} />);
    await vi.waitFor(() => expect(screen.queryByRole("status")).toBeNull());
    expect(container.textContent).toBe("");
    cleanup();
    answer = () => json({ detail: "Database unavailable" }, 503);
    render(<EventAttachments projectPath="/projects/acme/checkout/" eventId={EVENT} />);
    expect((await screen.findByRole("alert")).textContent).toContain("Database unavailable");
  });

  it("formats sizes in bytes, kilobytes and megabytes", () => {
    expect([formatBytes(12), formatBytes(1536), formatBytes(5 * 1024 * 1024)]).toEqual(["12 B", "1.5 KB", "5.0 MB"]);
  });
});

describe("the event's user feedback", () => {
  it("shows who wrote what, as text", () => {
    render(
      <EventUserReport
        report={{
          id: "1",
          eventID: EVENT,
          name: "Ana",
          email: "ana@example.com",
          comments: "<img src=x onerror=alert(1)> it broke",
          dateCreated: new Date().toISOString(),
        }}
      />,
    );
    expect(screen.getByRole("region", { name: "User feedback" }).textContent).toContain("Ana");
    expect(screen.getByText("<img src=x onerror=alert(1)> it broke")).toBeTruthy();
    expect(document.querySelector("img")).toBeNull();
  });
});
