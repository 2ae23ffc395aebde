import { csvLine } from "./csv";

describe("csvLine", () => {
  it.each([
    [["a", "b"], "a,b\r\n"],
    [["a,b", 'say "hi"'], '"a,b","say ""hi"""\r\n'],
    [["two\nlines", null, undefined, 3], '"two\nlines",,,3\r\n'],
    [["=cmd()", "-1", "+x", "@a"], "'=cmd(),'-1,'+x,'@a\r\n"],
  ])("%j", (fields, expected) => {
    expect(csvLine(fields)).toBe(expected);
  });
});
