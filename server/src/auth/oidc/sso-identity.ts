/** What an ID token (or the userinfo answer) says about the person. */
export interface SsoClaims {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
}

export type SsoIdentity = { ok: true; email: string; name: string } | { ok: false; problem: string };

/**
 * Who may sign in by SSO: accounts are matched by email, so the provider must say the address
 * is verified (`email_verified: true`, the boolean — some providers send the string "true").
 * Otherwise anyone who can type an address into their provider profile could take over the
 * Faultline account with it.
 */
export function ssoIdentity(claims: SsoClaims, allowedDomains: readonly string[]): SsoIdentity {
  if (typeof claims.email !== "string" || !claims.email.includes("@"))
    return { ok: false, problem: "The identity provider did not share an email address (request the email scope)." };
  const email = claims.email.trim().toLowerCase();
  if (claims.email_verified !== true && claims.email_verified !== "true")
    return { ok: false, problem: `The identity provider has not verified ${email}; verify it there first.` };
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (allowedDomains.length > 0 && !allowedDomains.includes(domain))
    return { ok: false, problem: `Email addresses at ${domain} may not sign in here.` };
  const name = typeof claims.name === "string" ? claims.name.trim().slice(0, 200) : "";
  return { ok: true, email, name };
}
