/**
 * Who may do what. Roles grant scopes in an organization; an API token carries its own scopes,
 * and a request through a token gets only what both allow.
 *
 *   read   — see organizations, projects, issues, events
 *   write  — triage: status, assignment, comments, deleting issues
 *   admin  — projects, keys, members, the audit log
 */
export type Scope = "read" | "write" | "admin";
export type Role = "owner" | "admin" | "member" | "viewer";

export const SCOPES: readonly Scope[] = ["read", "write", "admin"];
export const ROLES: readonly Role[] = ["owner", "admin", "member", "viewer"];

const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  owner: ["read", "write", "admin"],
  admin: ["read", "write", "admin"],
  member: ["read", "write"],
  viewer: ["read"],
};

export function scopesOfRole(role: Role): Scope[] {
  return [...ROLE_SCOPES[role]];
}

/** The scopes a request has in an organization: the role's, narrowed by the token's if any. */
export function effectiveScopes(role: Role, tokenScopes: readonly Scope[] | null): Scope[] {
  const granted = ROLE_SCOPES[role];
  return tokenScopes ? granted.filter((scope) => tokenScopes.includes(scope)) : [...granted];
}

/** Sentry's scope names, for `access` lists and `GET /api/0/` (tools such as sentry-cli read them). */
export function sentryScopeNames(scopes: readonly Scope[]): string[] {
  const names: string[] = [];
  if (scopes.includes("read")) names.push("org:read", "project:read", "event:read", "member:read", "team:read");
  if (scopes.includes("write")) names.push("project:releases", "event:write", "event:admin", "org:ci");
  if (scopes.includes("admin"))
    names.push("org:write", "project:write", "project:admin", "member:write", "member:admin", "team:write");
  return names;
}

/** Owners alone make or unmake owners. */
export function canAssignRole(actor: Role, target: Role): boolean {
  return target !== "owner" || actor === "owner";
}
