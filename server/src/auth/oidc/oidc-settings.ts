import type { Role } from "../permissions";

/** Single sign-on with an OpenID Connect provider (OIDC_* settings); absent when not configured. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Lower-cased email domains allowed to sign in; empty: any domain. */
  allowedDomains: string[];
  /** Role and organization slug of an account made by its first SSO sign-in. */
  defaultRole: Exclude<Role, "owner">;
  /** Unset: the oldest organization. */
  defaultOrganization: string | null;
  buttonLabel: string;
}

/** The OIDC_* settings as the API wants them, or undefined when OIDC_ISSUER is not set. */
export function oidcSettingsFrom(config: {
  OIDC_ISSUER?: string | undefined;
  OIDC_CLIENT_ID?: string | undefined;
  OIDC_CLIENT_SECRET?: string | undefined;
  OIDC_ALLOWED_DOMAINS: string;
  OIDC_DEFAULT_ROLE: Exclude<Role, "owner">;
  OIDC_DEFAULT_ORGANIZATION?: string | undefined;
  OIDC_BUTTON_LABEL: string;
}): OidcSettings | undefined {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET) return undefined;
  return {
    issuer: config.OIDC_ISSUER,
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    allowedDomains: config.OIDC_ALLOWED_DOMAINS.split(",")
      .map((domain) => domain.trim().toLowerCase().replace(/^@/, ""))
      .filter(Boolean),
    defaultRole: config.OIDC_DEFAULT_ROLE,
    defaultOrganization: config.OIDC_DEFAULT_ORGANIZATION ?? null,
    buttonLabel: config.OIDC_BUTTON_LABEL,
  };
}
