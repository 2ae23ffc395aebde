import { passwordProblem } from "./password-policy";

describe("passwordProblem", () => {
  it("refuses short passwords and the most common ones, in any case", () => {
    expect(passwordProblem("abc")).toMatch(/at least 8 characters/);
    for (const common of ["password", "Password1", "QWERTYUIOP", "iloveyou", "12345678", "baseball1"])
      expect({ common, problem: passwordProblem(common) }).toEqual({
        common,
        problem: expect.stringMatching(/most common passwords/),
      });
  });

  it("accepts long, uncommon passwords", () => {
    for (const good of ["correct horse battery", "a brand new password", "Zk3#p9!wQ2"])
      expect(passwordProblem(good)).toBeNull();
  });
});
