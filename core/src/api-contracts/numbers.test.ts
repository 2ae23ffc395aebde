import { INT4_MAX, int4Id, parseInt4Count, parseInt4Id, parseInt8, parseInt8Id } from "./numbers";

describe("numeric request values", () => {
  test.each(["", " 1", "1 ", "+1", "1e5", "0x10", "1.5", "NaN", "Infinity", "-0", "١"])(
    "%j is no number at all",
    (raw) => {
      expect(parseInt4Id(raw)).toBeUndefined();
      expect(parseInt8Id(raw)).toBeUndefined();
      expect(parseInt4Count(raw)).toBeUndefined();
    },
  );

  test("integer ids are 1..2^31-1", () => {
    expect(parseInt4Id("0")).toBeUndefined();
    expect(parseInt4Id("1")).toBe(1);
    expect(parseInt4Id(String(INT4_MAX))).toBe(INT4_MAX);
    expect(parseInt4Id("2147483648")).toBeUndefined();
    expect(parseInt4Id("99999999999999999999")).toBeUndefined();
  });

  test("bigint ids are 1..2^63-1, exactly (no float rounding)", () => {
    expect(parseInt8Id("9007199254740993")).toBe(9007199254740993n);
    expect(parseInt8Id("9223372036854775807")).toBe(9223372036854775807n);
    expect(parseInt8Id("9223372036854775808")).toBeUndefined();
    expect(parseInt8("-9223372036854775807")).toBe(-9223372036854775807n);
    expect(parseInt8("-9223372036854775808")).toBeUndefined();
  });

  test("zod forms answer with a message", () => {
    expect(int4Id.safeParse(12).data).toBe(12);
    expect(int4Id.safeParse("12").data).toBe(12);
    const refused = int4Id.safeParse("99999999999");
    expect(refused.success).toBe(false);
    expect(int4Id.safeParse(2 ** 31).success).toBe(false);
  });
});
