import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { crashFreeLabel } from "../../releases/crash-free";
import { ExceptionEntry } from "./Exception";

afterEach(cleanup);

/** An exception entry as the API answers it (Sentry's shape), with source maps applied. */
const symbolicated = {
  values: [
    {
      type: "Error",
      value: "cart is empty",
      stacktrace: {
        frames: [
          {
            filename: "/src/checkout.js",
            function: "validateCart",
            lineNo: 5,
            inApp: true,
            context: [[5, '    throw new Error("cart is empty");']],
          },
        ],
      },
      rawStacktrace: { frames: [{ filename: "/dist/app.min.js", function: "e", lineNo: 1, colNo: 95, inApp: true }] },
    },
  ],
};

describe("symbolicated exceptions", () => {
  it("shows the original frames, and the minified ones on request", () => {
    render(<ExceptionEntry data={symbolicated} />);
    expect(screen.getByText("/src/checkout.js")).toBeTruthy();
    expect(screen.queryByText("/dist/app.min.js")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Minified" }));
    expect(screen.getByText("/dist/app.min.js")).toBeTruthy();
    expect(screen.queryByText("/src/checkout.js")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Original" }));
    expect(screen.getByText("/src/checkout.js")).toBeTruthy();
  });

  it("has no toggle when nothing was symbolicated", () => {
    const { values } = symbolicated;
    render(<ExceptionEntry data={{ values: values.map((value) => ({ ...value, rawStacktrace: null })) }} />);
    expect(screen.queryByRole("button", { name: "Minified" })).toBeNull();
    expect(screen.getByText("/src/checkout.js")).toBeTruthy();
  });
});

describe("crash-free label", () => {
  it("reads release health", () => {
    expect(crashFreeLabel(undefined)).toBe("no sessions");
    expect(
      crashFreeLabel({
        hasHealthData: true,
        crashFreeSessions: 97.2,
        totalSessions: 1250,
        environments: {
          production: { crashFreeSessions: 99, totalSessions: 1000 },
          staging: { crashFreeSessions: 90, totalSessions: 250 },
        },
      }),
    ).toBe("97.2% (1,250 sessions) · production 99%, staging 90%");
  });
});
