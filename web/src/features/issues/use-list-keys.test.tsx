import { cleanup, fireEvent, render } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useListKeys, type ListKeyHandlers } from "./use-list-keys";

afterEach(cleanup);

function Harness({ handlers }: { handlers: ListKeyHandlers }) {
  useListKeys(handlers);
  return <input aria-label="field" />;
}

function handlers() {
  return {
    move: vi.fn<(delta: number) => void>(),
    open: vi.fn<() => void>(),
    resolve: vi.fn<() => void>(),
    ignore: vi.fn<() => void>(),
    toggle: vi.fn<() => void>(),
    focusSearch: vi.fn<() => void>(),
  } satisfies ListKeyHandlers;
}

describe("issue list keys", () => {
  it("j/k move, o and Enter open, r resolve, i ignore, x select, / search", () => {
    const h = handlers();
    render(<Harness handlers={h} />);
    for (const key of ["j", "j", "k", "o", "Enter", "r", "i", "x", "/"]) fireEvent.keyDown(window, { key });
    expect(h.move.mock.calls).toEqual([[1], [1], [-1]]);
    expect(h.open).toHaveBeenCalledTimes(2);
    expect(h.resolve).toHaveBeenCalledTimes(1);
    expect(h.ignore).toHaveBeenCalledTimes(1);
    expect(h.toggle).toHaveBeenCalledTimes(1);
    expect(h.focusSearch).toHaveBeenCalledTimes(1);
  });

  it("does nothing while typing in a field or with a modifier", () => {
    const h = handlers();
    const { getByLabelText } = render(<Harness handlers={h} />);
    fireEvent.keyDown(getByLabelText("field"), { key: "r" });
    fireEvent.keyDown(window, { key: "r", ctrlKey: true });
    expect(h.resolve).not.toHaveBeenCalled();
  });
});
