import { formatShortId, parseShortId } from "./short-id";

describe("short ids", () => {
  it.each([
    [1, "CLI-A-1"],
    [9, "CLI-A-9"],
    [10, "CLI-A-A"],
    [31, "CLI-A-Z"],
    [32, "CLI-A-10"],
    [1000, "CLI-A-Z8"],
  ])("issue %i of cli-a reads %s, and back", (number, text) => {
    expect(formatShortId("cli-a", number)).toBe(text);
    expect(parseShortId(text)).toEqual({ projectSlug: "cli-a", shortId: number });
  });

  it("reads any case, and O, I, L as 0, 1, 1 (Crockford)", () => {
    expect(parseShortId("checkout-1o")).toEqual({ projectSlug: "checkout", shortId: 32 });
    expect(parseShortId("CHECKOUT-L")).toEqual({ projectSlug: "checkout", shortId: 1 });
  });

  it.each(["checkout", "CHECKOUT-", "-1", "CHECKOUT-U", "CHECKOUT-0", "TypeError: x-1", "A-ZZZZZZZ"])(
    "%j is not a short id",
    (text) => {
      expect(parseShortId(text)).toBeNull();
    },
  );
});
