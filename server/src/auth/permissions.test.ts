import { canAssignRole, effectiveScopes, scopesOfRole, sentryScopeNames } from "./permissions";

describe("roles and scopes", () => {
  it.each([
    ["owner", ["read", "write", "admin"]],
    ["admin", ["read", "write", "admin"]],
    ["member", ["read", "write"]],
    ["viewer", ["read"]],
  ] as const)("%s has %j", (role, scopes) => {
    expect(scopesOfRole(role)).toEqual(scopes);
  });

  it.each([
    ["owner", null, ["read", "write", "admin"]],
    ["owner", ["read"], ["read"]],
    ["viewer", ["read", "write", "admin"], ["read"]],
    ["member", ["admin"], []],
  ] as const)("role %s with token scopes %j → %j", (role, token, expected) => {
    expect(effectiveScopes(role, token)).toEqual(expected);
  });

  it("only owners make or unmake owners", () => {
    expect(canAssignRole("owner", "owner")).toBe(true);
    expect(canAssignRole("admin", "owner")).toBe(false);
    expect(canAssignRole("admin", "member")).toBe(true);
  });

  it("maps to Sentry's scope names", () => {
    expect(sentryScopeNames(["read"])).toContain("project:read");
    expect(sentryScopeNames(["read"])).not.toContain("project:write");
    expect(sentryScopeNames(["read", "write", "admin"])).toEqual(
      expect.arrayContaining(["org:ci", "project:releases", "project:admin"]),
    );
  });
});
