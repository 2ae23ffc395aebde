import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AuditLogPanel } from "./AuditLogPanel";
import { auditText } from "./audit-text";

const now = new Date().toISOString();
beforeEach(() => {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () =>
      Response.json({
        rows: [
          {
            id: "1",
            actor: { name: "Dana Oncall" },
            event: "projectkey.create",
            ipAddress: "::ffff:127.0.0.1",
            targetObject: "checkout",
            dateCreated: now,
          },
          {
            id: "2",
            actor: null,
            event: "widget.frobnicate",
            ipAddress: "2001:db8::1",
            targetObject: null,
            dateCreated: now,
          },
        ],
      }),
    ),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the audit log", () => {
  it("says what happened in words and shows IPv4 clients as IPv4", async () => {
    render(<AuditLogPanel org="acme" />);
    await waitFor(() => expect(screen.getByText("Created a client key (DSN)")).toBeTruthy());
    expect(screen.queryByText("projectkey.create")).toBeNull();
    expect(screen.getByText(/Dana Oncall · 127\.0\.0\.1$/)).toBeTruthy();
    expect(screen.queryByText(/::ffff:/)).toBeNull();
    expect(screen.getByText(/2001:db8::1/)).toBeTruthy();
  });

  it("words codes it does not know from their parts", () => {
    expect(auditText("alertrule.remove")).toBe("Removed an alert rule");
    expect(auditText("widget.frobnicate")).toBe("Frobnicate widget");
    expect(auditText("team.create")).toBe("Created team");
  });
});
