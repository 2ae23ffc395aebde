import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { StackTrace } from "./StackTrace";
import { framesOf, groupFrames, toFrameView } from "./frames";

afterEach(cleanup);

describe("stack frames from odd SDK data", () => {
  it("reads frames with nothing in them, or the wrong types, without throwing", () => {
    expect(toFrameView(null, 0)).toMatchObject({ file: "<unknown>", fn: "?", inApp: false, context: [] });
    expect(toFrameView({ filename: 42, function: {}, lineNo: "7", inApp: "yes", context: "x" }, 1)).toMatchObject({
      file: "42",
      fn: "?",
      lineNo: undefined,
      inApp: false,
      context: [],
    });
    expect(toFrameView({ module: "app.views", function: "index" }, 2).file).toBe("app.views");
    expect(framesOf({ frames: "nope" })).toEqual([]);
    expect(framesOf(undefined)).toEqual([]);
  });

  it("reads the numbered context lines and flags the error line, even with non-string lines", () => {
    const frame = toFrameView(
      {
        lineNo: 10,
        context: [[8, "a"], [9, 5], [10, "boom()"], [11, null], "junk"],
      },
      0,
    );
    expect(frame.context).toEqual([
      { line: 8, code: "a", current: false },
      { line: 9, code: "5", current: false },
      { line: 10, code: "boom()", current: true },
      { line: 11, code: "", current: false },
    ]);
  });

  it("reads Sentry's camelCase frame fields", () => {
    expect(
      toFrameView({ absPath: "https://shop.example/app.js", function: "pay", lineNo: 3, colNo: 9, inApp: true }, 0),
    ).toMatchObject({ file: "https://shop.example/app.js", fn: "pay", lineNo: 3, colNo: 9, inApp: true });
  });

  it("lists the most recent call first and folds library runs between app frames", () => {
    const frames = framesOf({
      frames: [
        { function: "lib1" },
        { function: "lib2" },
        { function: "main", inApp: true },
        { function: "lib3" },
        { function: "handler", inApp: true },
      ],
    });
    expect(frames.map((frame) => frame.fn)).toEqual(["handler", "lib3", "main", "lib2", "lib1"]);
    expect(groupFrames(frames).map((group) => (group.kind === "frame" ? group.frame.fn : group.frames.length))).toEqual(
      ["handler", 1, "main", 2],
    );
  });

  it("shows every frame when none is in-app", () => {
    const frames = framesOf({ frames: [{ function: "a" }, { function: "b" }] });
    expect(groupFrames(frames).every((group) => group.kind === "frame")).toBe(true);
  });

  it("renders app frames with source, library frames behind a toggle, and markup as text", () => {
    const frames = framesOf({
      frames: [
        { filename: "node:internal/timers", function: "listOnTimeout", lineNo: 1 },
        {
          filename: "app/<b>x</b>.js",
          function: "<img src=x onerror=alert(1)>",
          lineNo: 3,
          inApp: true,
          context: [[3, "<script>alert(2)</script>"]],
          vars: { order: 17 },
        },
      ],
    });
    const { container } = render(<StackTrace frames={frames} />);
    expect(screen.getByText("app/<b>x</b>.js")).toBeTruthy();
    expect(screen.getByText("<script>alert(2)</script>")).toBeTruthy();
    expect(container.querySelector("img, script, b")).toBeNull();
    expect(screen.queryByText("node:internal/timers")).toBeNull();
    fireEvent.click(screen.getByText(/1 library frame hidden/));
    expect(screen.getByText("node:internal/timers")).toBeTruthy();
  });

  it("says so when there are no frames", () => {
    render(<StackTrace frames={[]} />);
    expect(screen.getByText("No stack frames.")).toBeTruthy();
  });
});
