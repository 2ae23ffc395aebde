import { jsonDepthExceeds } from "./json-depth";

describe("jsonDepthExceeds", () => {
  it("counts object and array nesting, not brackets inside strings", () => {
    expect(jsonDepthExceeds(Buffer.from('{"a":[{"b":1}]}'), 3)).toBe(false);
    expect(jsonDepthExceeds(Buffer.from('{"a":[{"b":[1]}]}'), 3)).toBe(true);
    expect(jsonDepthExceeds(Buffer.from('{"a":"[[[[[[\\"[[[["}'), 1)).toBe(false);
  });

  it("finds a nesting bomb without parsing it", () => {
    expect(jsonDepthExceeds(Buffer.from("[".repeat(1_000_000)), 100)).toBe(true);
  });
});
