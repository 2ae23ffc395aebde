import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { Breadcrumbs } from "./Breadcrumbs";
import { RequestEntry } from "./RequestEntry";

afterEach(cleanup);

describe("request and breadcrumbs entries in Sentry's API shape", () => {
  it("shows the URL with its fragment, the query pairs and the cookies", () => {
    render(
      <RequestEntry
        data={{
          method: "POST",
          url: "https://shop.example/checkout/pay",
          query: [["coupon", "SPRING"]],
          fragment: "summary",
          data: null,
          headers: [["Content-Type", "application/json"]],
          cookies: [["theme", "dark"]],
          env: null,
          inferredContentType: "application/json",
          apiTarget: null,
        }}
      />,
    );
    expect(screen.getByText("https://shop.example/checkout/pay#summary")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Query" })).toBeTruthy();
    expect(screen.getByText("coupon")).toBeTruthy();
    expect(screen.getByText("SPRING")).toBeTruthy();
    expect(screen.getByText("dark")).toBeTruthy();
  });

  it("reads ISO breadcrumb times and falls back to the type when there is no category", () => {
    render(
      <Breadcrumbs
        data={{
          values: [
            {
              type: "http",
              timestamp: "2026-11-20T09:59:59.000Z",
              level: "warning",
              message: null,
              category: null,
              data: { status_code: 500 },
              event_id: null,
            },
          ],
        }}
      />,
    );
    // In the timeline (the filter's choices name them too).
    const timeline = within(screen.getByRole("list"));
    expect(timeline.getByText("http")).toBeTruthy();
    expect(timeline.getByText("warning")).toBeTruthy();
    expect(timeline.getByText(new Date("2026-11-20T09:59:59.000Z").toLocaleTimeString())).toBeTruthy();
  });
});
