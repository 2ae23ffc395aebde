import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SearchBar } from "./SearchBar";

afterEach(cleanup);

const known = { tags: { environment: ["production", "staging"], release: [] } };

function setUp(value = "") {
  const onSubmit = vi.fn();
  const onFirstFocus = vi.fn();
  render(<SearchBar value={value} known={known} onSubmit={onSubmit} onFirstFocus={onFirstFocus} />);
  const input = screen.getByRole("searchbox", { name: "Search issues" }) as HTMLInputElement;
  return { input, onSubmit, onFirstFocus };
}

function type(input: HTMLInputElement, value: string) {
  fireEvent.change(input, { target: { value, selectionStart: value.length } });
}

describe("the search bar", () => {
  it("suggests while typing and takes a suggestion with Enter, then searches with Enter", () => {
    const { input, onSubmit, onFirstFocus } = setUp();
    fireEvent.focus(input);
    expect(onFirstFocus).toHaveBeenCalledTimes(1);
    type(input, "env");
    expect(screen.getAllByRole("option").map((option) => option.textContent)).toEqual(["environment:environment tag"]);
    fireEvent.keyDown(input, { key: "Enter" });
    expect(input.value).toBe("environment:");
    type(input, "environment:st");
    fireEvent.keyDown(input, { key: "Enter" });
    expect(input.value).toBe("environment:staging ");
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.submit(input.closest("form")!);
    expect(onSubmit).toHaveBeenCalledWith("environment:staging");
  });

  it("moves through suggestions with the arrow keys and closes them with Escape", () => {
    const { input } = setUp();
    fireEvent.focus(input);
    type(input, "is:");
    const options = () => screen.queryAllByRole("option");
    expect(options()[0]?.getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(input, { key: "ArrowDown" });
    expect(options()[1]?.getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(input, { key: "Tab" });
    expect(input.value).toBe("is:resolved ");
    fireEvent.keyDown(input, { key: "Escape" });
    expect(options()).toHaveLength(0);
  });

  it("picks a suggestion with the mouse", () => {
    const { input } = setUp();
    fireEvent.focus(input);
    type(input, "level:f");
    fireEvent.mouseDown(screen.getByRole("option", { name: /level:fatal/ }));
    expect(input.value).toBe("level:fatal ");
  });

  it("shows a new query from outside (back button, quick filter)", () => {
    const onSubmit = vi.fn();
    const { rerender } = render(<SearchBar value="is:unresolved" known={known} onSubmit={onSubmit} />);
    rerender(<SearchBar value="is:resolved" known={known} onSubmit={onSubmit} />);
    expect((screen.getByRole("searchbox") as HTMLInputElement).value).toBe("is:resolved");
  });
});
