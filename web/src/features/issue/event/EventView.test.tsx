import { cleanup, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it } from "vitest";
import type { IssueEvent } from "../../../api/types";
import { EventView } from "./EventView";

afterEach(cleanup);

function event(overrides: Partial<IssueEvent>): IssueEvent {
  return {
    id: "e1",
    eventID: "a".repeat(32),
    groupID: "7",
    projectID: "1",
    title: "t",
    message: "",
    platform: "javascript",
    culprit: "",
    dateCreated: new Date().toISOString(),
    dateReceived: new Date().toISOString(),
    tags: [],
    user: null,
    entries: [],
    errors: [],
    contexts: {},
    context: {},
    sdk: null,
    release: null,
    environment: null,
    fingerprints: [],
    previousEventID: null,
    nextEventID: null,
    ...overrides,
  };
}

const show = (value: IssueEvent) =>
  render(
    <MemoryRouter>
      <EventView event={value} base="/organizations/acme/issues/7/" />
    </MemoryRouter>,
  );

describe("contexts", () => {
  it("shows memory and storage sizes in binary units, as Sentry does", () => {
    show(
      event({
        contexts: {
          device: {
            type: "device",
            memory_size: 8589934592,
            free_memory: 536870912,
            usable_memory: 1536,
            model: "Pixel",
          },
          app: { type: "app", app_memory: 104857600 },
        },
      }),
    );
    const contexts = screen.getByRole("region", { name: "Contexts" });
    expect(within(contexts).getByText("8 GiB")).toBeTruthy();
    expect(within(contexts).getByText("512 MiB")).toBeTruthy();
    expect(within(contexts).getByText("1.5 KiB")).toBeTruthy();
    expect(within(contexts).getByText("100 MiB")).toBeTruthy();
    expect(within(contexts).queryByText("8589934592")).toBeNull();
  });

  it("hides a context with nothing to show, and the section when none is left", () => {
    show(
      event({
        contexts: { device: { type: "device", model: "Pixel" }, app: { type: "app" }, trace: {}, os: { name: null } },
      }),
    );
    const contexts = screen.getByRole("region", { name: "Contexts" });
    expect(within(contexts).getByRole("heading", { name: "device" })).toBeTruthy();
    expect(within(contexts).queryByRole("heading", { name: "app" })).toBeNull();
    expect(within(contexts).queryByRole("heading", { name: "trace" })).toBeNull();
    expect(within(contexts).queryByRole("heading", { name: "os" })).toBeNull();
    cleanup();
    show(event({ contexts: { app: { type: "app" } } }));
    expect(screen.queryByRole("region", { name: "Contexts" })).toBeNull();
  });
});

describe("message events", () => {
  it("show a message captured with a stack trace under Message, not Exception", () => {
    show(
      event({
        message: "Cart total did not match",
        entries: [
          {
            type: "exception",
            data: {
              values: [
                {
                  value: "Cart total did not match",
                  mechanism: { type: "generic", synthetic: true },
                  stacktrace: { frames: [{ filename: "/src/cart.js", function: "total", lineNo: 3, inApp: true }] },
                },
              ],
            },
          },
        ],
      } as unknown as Partial<IssueEvent>),
    );
    const message = screen.getByRole("region", { name: "Message" });
    expect(within(message).getByText("Cart total did not match")).toBeTruthy();
    expect(within(message).getByText(/cart\.js/)).toBeTruthy();
    expect(screen.queryByRole("region", { name: "Exception" })).toBeNull();
  });

  it("show a plain message event's text under Message", () => {
    show(event({ message: "Payment retried three times" }));
    expect(
      within(screen.getByRole("region", { name: "Message" })).getByText("Payment retried three times"),
    ).toBeTruthy();
    expect(screen.queryByRole("region", { name: "Exception" })).toBeNull();
  });

  it("keep a real exception under Exception", () => {
    show(
      event({
        message: "",
        entries: [{ type: "exception", data: { values: [{ type: "TypeError", value: "x is undefined" }] } }],
      } as unknown as Partial<IssueEvent>),
    );
    expect(screen.getByRole("region", { name: "Exception" })).toBeTruthy();
    expect(screen.queryByRole("region", { name: "Message" })).toBeNull();
  });
});
