import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { UserReport } from "../../api/types";
import { renderOrgPage } from "../test-support";
import { FeedbackPage } from "./FeedbackPage";
import { IssueFeedback } from "./IssueFeedback";

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

const report = (overrides: Partial<UserReport>): UserReport => ({
  id: "1",
  eventID: "a".repeat(32),
  name: "Ana Buyer",
  email: "ana@example.com",
  comments: "I pressed Pay and the page went blank.",
  dateCreated: new Date().toISOString(),
  issue: { id: "7" },
  ...overrides,
});

let answer: () => Response;
const requested: string[] = [];

beforeEach(() => {
  requested.length = 0;
  answer = () => json([]);
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string) => {
      requested.push(input);
      const path = new URL(input, "http://dashboard.test").pathname;
      if (path === "/api/0/") return json({ version: "0", user: { id: "1", email: "dana@example.com", name: "Dana" } });
      if (path === "/api/0/projects/acme/checkout/user-feedback/" || path === "/api/0/issues/7/user-reports/")
        return answer();
      return json({ detail: "Not found" }, 404);
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderPage = () =>
  renderOrgPage(
    "/organizations/acme/projects/checkout/user-feedback/",
    "/organizations/:org/projects/:project/user-feedback",
    <FeedbackPage />,
  );

describe("the user feedback page", () => {
  it("lists name, email, comments, date and a link to the event the user wrote about", async () => {
    answer = () =>
      json([
        report({}),
        report({ id: "2", name: "", email: "", comments: "<b>crash</b>", eventID: null, issue: null }),
      ]);
    renderPage();
    const items = await screen.findAllByRole("listitem");
    expect(items).toHaveLength(2);
    const first = within(items[0]!);
    expect(first.getByText("Ana Buyer")).toBeTruthy();
    expect(first.getByRole("link", { name: "ana@example.com" }).getAttribute("href")).toBe("mailto:ana@example.com");
    expect(first.getByText("I pressed Pay and the page went blank.")).toBeTruthy();
    expect(first.getByText("just now")).toBeTruthy();
    expect(first.getByRole("link", { name: /Event aaaaaaaa/ }).getAttribute("href")).toBe(
      `/organizations/acme/issues/7/events/${"a".repeat(32)}/`,
    );
    const second = within(items[1]!);
    expect(second.getByText("Anonymous")).toBeTruthy();
    expect(second.getByText("<b>crash</b>")).toBeTruthy();
    expect(second.getByText("Not linked to an event")).toBeTruthy();
  });

  it("pages on with the Link header's cursor", async () => {
    answer = () =>
      json([report({})], 200, {
        Link: '<http://x/?cursor=1:1:1>; rel="previous"; results="false"; cursor="1:1:1", <http://x/?cursor=9:9:0>; rel="next"; results="true"; cursor="9:9:0"',
      });
    renderPage();
    const older = await screen.findByRole("button", { name: "Older" });
    expect((screen.getByRole("button", { name: "Newer" }) as HTMLButtonElement).disabled).toBe(true);
    older.click();
    await vi.waitFor(() => expect(requested.some((url) => url.includes("cursor=9%3A9%3A0"))).toBe(true));
  });

  it("says when there is no feedback, and shows the server's refusal", async () => {
    renderPage();
    expect(await screen.findByText("No feedback yet")).toBeTruthy();
    cleanup();
    answer = () => json({ detail: "The requested resource does not exist" }, 404);
    renderPage();
    expect((await screen.findByRole("alert")).textContent).toContain("The requested resource does not exist");
  });
});

describe("the issue's feedback panel", () => {
  it("lists the issue's reports, and is absent when there are none", async () => {
    answer = () => json([report({})]);
    renderOrgPage("/x", "/x", <IssueFeedback org="acme" issueId="7" />);
    expect(await screen.findByText("I pressed Pay and the page went blank.")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "User feedback" })).toBeTruthy();
    cleanup();
    answer = () => json([]);
    renderOrgPage("/x", "/x", <IssueFeedback org="acme" issueId="7" />);
    await vi.waitFor(() => expect(requested.filter((url) => url.includes("/user-reports/"))).toHaveLength(2));
    await vi.waitFor(() => expect(screen.queryByText("Loading…")).toBeNull());
    expect(screen.queryByRole("heading", { name: "User feedback" })).toBeNull();
  });
});
