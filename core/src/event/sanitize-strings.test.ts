import { REPLACEMENT_CHARACTER, isStorableString, sanitizeStrings, toStorableString } from "./sanitize-strings";

const FFFD = REPLACEMENT_CHARACTER;

describe("toStorableString", () => {
  it("replaces NUL with U+FFFD", () => {
    expect(toStorableString("a\u0000b\u0000")).toBe(`a${FFFD}b${FFFD}`);
  });

  it("replaces lone high and low surrogates, wherever they are", () => {
    expect(toStorableString("\ud800")).toBe(FFFD);
    expect(toStorableString("x\udc00y")).toBe(`x${FFFD}y`);
    // A low surrogate before a high one is two lone halves, not a pair.
    expect(toStorableString("\udc00\ud800")).toBe(FFFD + FFFD);
    expect(toStorableString("end\ud83d")).toBe(`end${FFFD}`);
  });

  it("keeps valid surrogate pairs and ordinary text as they are", () => {
    const text = "crash 💥 in 日本 — ok";
    expect(toStorableString(text)).toBe(text);
    expect(isStorableString(text)).toBe(true);
    expect(isStorableString("\ud83d\udca5")).toBe(true);
    expect(isStorableString("\ud83d")).toBe(false);
    expect(isStorableString("\u0000")).toBe(false);
  });

  it("produces text PostgreSQL can store (well formed, no NUL)", () => {
    const out = toStorableString("\u0000\ud800\udfff\udfff\ud800");
    expect(out.isWellFormed()).toBe(true);
    expect(out.includes("\u0000")).toBe(false);
    expect(out).toBe(`${FFFD}\ud800\udfff${FFFD}${FFFD}`);
  });
});

describe("sanitizeStrings", () => {
  it("cleans strings in nested objects and arrays", () => {
    const input = {
      message: "bad\u0000",
      exception: { values: [{ value: "half \ud83d" }, { value: "fine" }] },
      extra: { list: [["deep \udc00", 1, null, true]] },
    };
    expect(sanitizeStrings(input)).toEqual({
      message: `bad${FFFD}`,
      exception: { values: [{ value: `half ${FFFD}` }, { value: "fine" }] },
      extra: { list: [[`deep ${FFFD}`, 1, null, true]] },
    });
  });

  it("cleans object keys and keeps their values", () => {
    const out = sanitizeStrings({ "k\u0000": "v", ["\ud800key"]: { inner: "x" }, plain: 1 });
    expect(out).toEqual({ [`k${FFFD}`]: "v", [`${FFFD}key`]: { inner: "x" }, plain: 1 });
    expect(Object.keys(out).every((key) => isStorableString(key))).toBe(true);
  });

  it("returns the very same object when nothing needed cleaning", () => {
    const input = { a: "x", b: [1, "y", { c: "😀" }], d: null };
    expect(sanitizeStrings(input)).toBe(input);
  });

  it("copies only the changed path and leaves the input untouched", () => {
    const clean = { untouched: ["a", "b"] };
    const input = { clean, dirty: { value: "\u0000" } };
    const out = sanitizeStrings(input);
    expect(out).not.toBe(input);
    expect(out.clean).toBe(clean);
    expect(input.dirty.value).toBe("\u0000");
    expect(out.dirty.value).toBe(FFFD);
  });

  it("keeps a `__proto__` key as data (JSON.parse makes it an own property)", () => {
    const input = JSON.parse('{"__proto__": {"polluted": "\\u0000"}, "a": "b"}') as Record<string, unknown>;
    const out = sanitizeStrings(input);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, "__proto__")?.value).toEqual({ polluted: FFFD });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("passes numbers, booleans and null through", () => {
    expect(sanitizeStrings(42)).toBe(42);
    expect(sanitizeStrings(null)).toBeNull();
    expect(sanitizeStrings([true, 1.5])).toEqual([true, 1.5]);
  });
});
