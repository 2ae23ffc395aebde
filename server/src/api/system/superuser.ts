import type { Response } from "express";
import type { Scope } from "../../auth/permissions";
import { forbidden } from "../api-error";
import { requirePrincipal, tokenScopesOf, type Principal } from "../principal";

/**
 * The System pages show the whole install (every organization's traffic, queued job names,
 * notification targets): superusers only, and through a token only with the scope asked for.
 */
export function requireSuperuser(res: Response, scope: Scope): Principal {
  const principal = requirePrincipal(res);
  if (!principal.user.isSuperuser) throw forbidden("Only superusers can see the system status.");
  const tokenScopes = tokenScopesOf(principal);
  if (tokenScopes && !tokenScopes.includes(scope)) throw forbidden(`This token lacks the "${scope}" scope.`);
  return principal;
}
