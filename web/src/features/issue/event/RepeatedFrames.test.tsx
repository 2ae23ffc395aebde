import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { StackTrace } from "./StackTrace";
import { collapseRepeats, framesOf, toFrameView } from "./frames";

afterEach(cleanup);

const recurse = { filename: "app/tree.js", function: "walk", lineNo: 12, inApp: true };

describe("repeated frames", () => {
  it("folds a recursion of 49 identical frames into one that repeated 48 times", () => {
    const frames = framesOf({
      frames: [{ filename: "app/main.js", function: "main", lineNo: 1, inApp: true }, ...Array(49).fill(recurse)],
    });
    expect(frames.map((frame) => [frame.fn, frame.repeats])).toEqual([
      ["walk", 48],
      ["main", undefined],
    ]);
  });

  it("keeps frames apart when the line, file or function differs, or when they are not consecutive", () => {
    const views = [
      recurse,
      { ...recurse, lineNo: 13 },
      { ...recurse, filename: "app/other.js" },
      { ...recurse, function: "visit" },
      recurse,
    ].map(toFrameView);
    expect(collapseRepeats(views)).toHaveLength(5);
  });

  it("says on the frame how many times it repeated", () => {
    render(<StackTrace frames={framesOf({ frames: Array(3).fill(recurse) })} />);
    expect(screen.getByText("frame repeated 2 times")).toBeTruthy();
    expect(screen.getAllByText("walk")).toHaveLength(1);
  });
});
