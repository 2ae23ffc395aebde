import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ProjectDetail } from "../../../api/types";
import { json, recordRequests } from "../settings-test-support";
import { ProjectGeneralForm } from "./ProjectGeneralForm";
import { ProjectLimitsForm } from "./ProjectLimitsForm";

const project: ProjectDetail = {
  id: "3",
  slug: "checkout",
  name: "Checkout",
  platform: "node",
  dateCreated: "2026-01-01T00:00:00Z",
  eventQuota: null,
  eventRetentionDays: null,
  maxEventsPerIssue: 500,
  dataScrubber: true,
  dataScrubberDefaults: true,
  sensitiveFields: [],
  safeFields: [],
  scrubIPAddresses: false,
  scrubEmails: false,
  fingerprintingRules: "",
};
const PATH = "/projects/acme/checkout/";

let requests: ReturnType<typeof recordRequests>;
beforeEach(() => {
  requests = recordRequests();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const click = (name: string) =>
  act(async () => {
    fireEvent.click(screen.getByRole("button", { name }));
  });
const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe("the project name form", () => {
  it("renames the project and its slug in one PUT", async () => {
    const onSaved = vi.fn();
    render(<ProjectGeneralForm project={project} path={PATH} allowed onSaved={onSaved} />);
    requests.reply = () => json({ ...project, name: "Payments", slug: "payments" });
    type("Name", "Payments");
    type("Slug", "payments");
    await click("Save name");
    expect(requests.sent).toEqual([
      { url: `/api/0${PATH}`, method: "PUT", body: { name: "Payments", slug: "payments" } },
    ]);
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ slug: "payments" }));
    expect(screen.getByRole("status").textContent).toBe("Saved.");
  });

  it("says what is wrong with the slug before sending, and shows the server's refusal", async () => {
    render(<ProjectGeneralForm project={project} path={PATH} allowed onSaved={vi.fn()} />);
    type("Slug", "-bad");
    await click("Save name");
    expect(screen.getByRole("alert").textContent).toMatch(/^Slug: lowercase letters/);
    expect(requests.sent).toEqual([]);
    requests.reply = () => json({ detail: 'slug: "web" is taken in this organization' }, 409);
    type("Slug", "web");
    await click("Save name");
    expect(screen.getByRole("alert").textContent).toBe('slug: "web" is taken in this organization');
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("is disabled for those who may not change projects", () => {
    render(<ProjectGeneralForm project={project} path={PATH} allowed={false} onSaved={vi.fn()} />);
    expect(screen.getByLabelText("Name").closest("fieldset")?.disabled).toBe(true);
  });
});

describe("the project limits form", () => {
  it("shows the saved limits and sends retention, quota and per-issue cap, blank as the default", async () => {
    const onSaved = vi.fn();
    render(<ProjectLimitsForm project={project} path={PATH} allowed onSaved={onSaved} />);
    expect((screen.getByLabelText("Events kept per issue") as HTMLInputElement).value).toBe("500");
    requests.reply = () => json(project);
    type("Retention (days)", "30");
    type("Quota events", "10000");
    fireEvent.change(screen.getByLabelText("Quota window"), { target: { value: "86400" } });
    type("Events kept per issue", "");
    await click("Save limits");
    expect(requests.sent[0]).toEqual({
      url: `/api/0${PATH}`,
      method: "PUT",
      body: { eventRetentionDays: 30, eventQuota: { window: 86400, count: 10000 }, maxEventsPerIssue: null },
    });
    expect(onSaved).toHaveBeenCalled();
    expect(screen.getByRole("status").textContent).toBe("Limits saved.");
  });

  it("refuses numbers out of range, naming the field", async () => {
    render(<ProjectLimitsForm project={project} path={PATH} allowed onSaved={vi.fn()} />);
    type("Retention (days)", "0");
    await click("Save limits");
    expect(screen.getByRole("alert").textContent).toMatch(/^Retention: a whole number from 1 to 3,650/);
    type("Retention (days)", "7");
    type("Quota events", "2.5");
    await click("Save limits");
    expect(screen.getByRole("alert").textContent).toMatch(/^Quota: a whole number/);
    expect(requests.sent).toEqual([]);
  });

  it("shows the server's refusal", async () => {
    render(<ProjectLimitsForm project={project} path={PATH} allowed onSaved={vi.fn()} />);
    requests.reply = () => json({ detail: "Your role (member) does not allow this." }, 403);
    await click("Save limits");
    expect(screen.getByRole("alert").textContent).toBe("Your role (member) does not allow this.");
  });

  it("is disabled for those who may not change projects", () => {
    render(<ProjectLimitsForm project={project} path={PATH} allowed={false} onSaved={vi.fn()} />);
    expect(screen.getByLabelText("Retention (days)").closest("fieldset")?.disabled).toBe(true);
  });
});
