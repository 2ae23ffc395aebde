import { assertLinear } from "../testing/linearity";
import { formatTemplate } from "./message";

// Templates are cut at 8192 characters before formatting; these sizes stay under that.
describe("formatTemplate runs in linear time", () => {
  it.each([
    ["unclosed named placeholders", { a: 1 }, (n: number) => "%(".repeat(n / 2)],
    ["a named placeholder with a long width", { a: 1 }, (n: number) => `%(a)${"0".repeat(n)}z`],
    ["a positional placeholder with a long width", [1], (n: number) => `%${"0".repeat(n)}z`],
    ["unclosed braces", { a: 1 }, (n: number) => "{a".repeat(n / 2)],
  ])("%s", (label, params, makeTemplate) => {
    assertLinear(label, (template: string) => formatTemplate(template, params), makeTemplate, { size: 512 });
  });
});

describe("formatTemplate placeholders", () => {
  it.each<[string, Record<string, number | string> | (number | string)[], string]>([
    ["%(user)s has %(count)05d items", { user: "bob", count: 3 }, "bob has 3 items"],
    ["%(user)-10s|", { user: "bob" }, "bob|"],
    ["%s and %d and %%", ["a", 2], "a and 2 and %"],
    ["%05.2f", [1.5], "1.5"],
  ])("%p", (template, params, formatted) => {
    expect(formatTemplate(template, params)).toBe(formatted);
  });
});
