import { createMembersRepo, createUsersRepo, type Database } from "@faultline/db";
import type { Redis } from "ioredis";
import { z } from "zod";
import { ApiError } from "../../api/api-error";
import { hashPassword } from "../password";
import { randomSecret } from "../secrets";
import { createOidcClient } from "./oidc-client";
import type { OidcSettings } from "./oidc-settings";
import { ssoIdentity } from "./sso-identity";

/** How long the browser may take at the provider between leaving and coming back. */
export const SSO_STATE_SECONDS = 600;

const pendingSchema = z.object({ verifier: z.string(), nonce: z.string(), next: z.string() });

/** Only a path on this site is followed after sign-in, never another origin. */
export function safeNext(next: unknown): string {
  return typeof next === "string" && next.startsWith("/") && !next.startsWith("//") && !next.includes("\\")
    ? next
    : "/";
}

/**
 * Sign-in through an OpenID Connect provider (authorization code flow with PKCE, state and
 * nonce). The PKCE verifier and nonce wait in Redis under the state; the browser holds the
 * state in a cookie too, so a callback started in another browser (login CSRF) is refused.
 * Accounts are matched by verified email; a first sign-in creates the account in the default
 * organization with the default role.
 */
export function createSsoService(deps: { db: Database; redis: Redis; settings: OidcSettings; redirectUri: string }) {
  const client = createOidcClient(deps.settings);
  const users = createUsersRepo(deps.db);
  const members = createMembersRepo(deps.db);
  const stateKey = (state: string) => `fl:oidc:state:${state}`;

  async function providerCall<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError(502, `Single sign-on failed: the identity provider ${what}.`);
    }
  }

  async function defaultOrganization() {
    const slug = deps.settings.defaultOrganization;
    return slug
      ? deps.db.organization.findUnique({ where: { slug } })
      : deps.db.organization.findFirst({ orderBy: { id: "asc" } });
  }

  async function userFor(email: string, name: string): Promise<number> {
    const existing = await users.findByEmail(email);
    if (existing) {
      if (!existing.isActive) throw new ApiError(403, "This account is disabled.");
      return existing.id;
    }
    // A password nobody knows: the account signs in by SSO (or after a password reset).
    const user = await users.createUser({
      email,
      name,
      passwordHash: await hashPassword(randomSecret()),
      isSuperuser: false,
    });
    const org = await defaultOrganization();
    if (org) await members.ensure(org.id, user.id, deps.settings.defaultRole);
    return user.id;
  }

  return {
    buttonLabel: deps.settings.buttonLabel,

    async start(next: unknown): Promise<{ url: string; state: string }> {
      const auth = await providerCall("could not be reached", () => client.authorizationUrl(deps.redirectUri));
      const pending = { verifier: auth.verifier, nonce: auth.nonce, next: safeNext(next) };
      await deps.redis.set(stateKey(auth.state), JSON.stringify(pending), "EX", SSO_STATE_SECONDS);
      return { url: auth.url, state: auth.state };
    },

    /** The provider sent the browser back: the user to sign in, and where they were going. */
    async finish(callbackUrl: URL, browserState: string | undefined): Promise<{ userId: number; next: string }> {
      const params = callbackUrl.searchParams;
      const refused = params.get("error");
      if (refused)
        throw new ApiError(400, `Single sign-on failed: the identity provider answered "${refused.slice(0, 100)}".`);
      const state = params.get("state");
      if (!state || !browserState || state !== browserState)
        throw new ApiError(400, "Single sign-on failed: the state does not match this browser's sign-in; start again.");
      const stored = await deps.redis.getdel(stateKey(state));
      const pending = stored === null ? null : pendingSchema.safeParse(JSON.parse(stored));
      if (!pending?.success)
        throw new ApiError(400, "Single sign-on failed: the sign-in expired or was used; start again.");
      const claims = await providerCall("refused the sign-in code", () =>
        client.claimsFor(callbackUrl, { verifier: pending.data.verifier, state, nonce: pending.data.nonce }),
      );
      const identity = ssoIdentity(claims, deps.settings.allowedDomains);
      if (!identity.ok) throw new ApiError(403, `Single sign-on refused: ${identity.problem}`);
      return { userId: await userFor(identity.email, identity.name), next: pending.data.next };
    },
  };
}

export type SsoService = ReturnType<typeof createSsoService>;
