import { parseConfig } from "@faultline/core";
import { serverConfigSchema } from "../../config";
import { oidcSettingsFrom } from "./oidc-settings";

const base = { DATABASE_URL: "postgresql://localhost/faultline" };
const settingsOf = (env: Record<string, string>) =>
  oidcSettingsFrom(parseConfig(serverConfigSchema, { ...base, ...env }));

describe("OIDC_* settings", () => {
  it("are off when OIDC_ISSUER is unset or empty (as in .env.example)", () => {
    expect(settingsOf({})).toBeUndefined();
    expect(settingsOf({ OIDC_ISSUER: "", OIDC_CLIENT_ID: "", OIDC_ALLOWED_DOMAINS: "" })).toBeUndefined();
  });

  it("need the client id and secret with the issuer, and a known role", () => {
    expect(() => settingsOf({ OIDC_ISSUER: "https://id.example.com/realms/acme" })).toThrow(
      /OIDC_CLIENT_ID: OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/,
    );
    expect(() => settingsOf({ OIDC_ISSUER: "not a url", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b" })).toThrow(
      /OIDC_ISSUER/,
    );
    const full = { OIDC_ISSUER: "https://id.example.com", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b" };
    expect(() => settingsOf({ ...full, OIDC_DEFAULT_ROLE: "owner" })).toThrow(/OIDC_DEFAULT_ROLE/);
  });

  it("read the domains as a lower-cased list, with defaults for the rest", () => {
    const settings = settingsOf({
      OIDC_ISSUER: "https://id.example.com/realms/acme",
      OIDC_CLIENT_ID: "faultline",
      OIDC_CLIENT_SECRET: "secret",
      OIDC_ALLOWED_DOMAINS: " Example.com, @example.org ,,",
    });
    expect(settings).toEqual({
      issuer: "https://id.example.com/realms/acme",
      clientId: "faultline",
      clientSecret: "secret",
      allowedDomains: ["example.com", "example.org"],
      defaultRole: "member",
      defaultOrganization: null,
      buttonLabel: "SSO",
    });
  });
});
