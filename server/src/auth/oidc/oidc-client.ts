import type * as OpenIdClientModule from "openid-client" with { "resolution-mode": "import" };
import type { OidcSettings } from "./oidc-settings";
import type { SsoClaims } from "./sso-identity";

// openid-client is ESM-only; this package is CommonJS, and a dynamic import loads it either way.
type OpenIdClient = typeof OpenIdClientModule;
type Configuration = OpenIdClientModule.Configuration;
let library: Promise<OpenIdClient> | undefined;
const openIdClient = () => (library ??= import("openid-client"));

/**
 * The provider's configuration, discovered once (`/.well-known/openid-configuration`) and kept;
 * a failed discovery is forgotten, so the next sign-in tries again once the provider is back.
 * A plain-http issuer is allowed for local test providers only; real providers are https.
 */
export function createOidcClient(settings: OidcSettings) {
  let discovered: Promise<Configuration> | undefined;

  async function configuration(): Promise<Configuration> {
    const client = await openIdClient();
    discovered ??= client
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        ...(settings.issuer.startsWith("http:") ? { execute: [client.allowInsecureRequests] } : {}),
        timeout: 10,
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  }

  return {
    /** Where to send the browser, with PKCE (S256), state and nonce; the caller keeps the secrets. */
    async authorizationUrl(redirectUri: string) {
      const client = await openIdClient();
      const config = await configuration();
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: "openid email profile",
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
        state,
        nonce,
      });
      return { url: url.href, verifier, state, nonce };
    },

    /**
     * Trades the code the provider sent back for tokens, checking state, nonce and PKCE, and
     * answers the person's claims: the ID token's, or userinfo's when the ID token has no email
     * (providers that follow the spec strictly put it only there).
     */
    async claimsFor(callbackUrl: URL, checks: { verifier: string; state: string; nonce: string }): Promise<SsoClaims> {
      const client = await openIdClient();
      const config = await configuration();
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.verifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error("no ID token");
      if (typeof claims.email === "string" && claims.email_verified !== undefined) return claims;
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      return { ...info, sub: claims.sub };
    },
  };
}

export type OidcClient = ReturnType<typeof createOidcClient>;
