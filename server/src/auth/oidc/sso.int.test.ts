import type { Database } from "@faultline/db";
import request from "supertest";
import { openDatabase, resetState, startTestServer, type TestServer } from "../../../../test/support/harness";
import { createTestUser } from "../../../../test/support/api";
import { childPorts } from "../../../../test/support/child-processes";
import {
  browseSso,
  type CookieJar,
  startOidcProvider,
  type TestOidcProvider,
} from "../../../../test/support/oidc-provider";
import { enrolTwoFactor, nextCode, passwordSession } from "../../../../test/support/two-factor";

let db: Database;
let server: TestServer;
let provider: TestOidcProvider;

const [providerPort] = childPorts(1) as [number];
const issuer = `http://127.0.0.1:${providerPort}`;

beforeAll(async () => {
  db = openDatabase();
  server = await startTestServer(db, {
    api: {
      oidc: {
        issuer,
        clientId: "faultline-test",
        clientSecret: "faultline-test-secret-0123456789abcdef",
        allowedDomains: ["example.com", "example.org"],
        defaultRole: "viewer",
        defaultOrganization: "acme",
        buttonLabel: "Acme SSO",
      },
    },
  });
  provider = await startOidcProvider({
    port: providerPort,
    redirectUri: `${server.url}/api/0/auth/oidc/callback/`,
    accounts: {
      ana: { email: "Ana@Example.com", email_verified: true, name: "Ana Lima" },
      bob: { email: "bob@example.org", email_verified: true },
      eve: { email: "eve@example.com", email_verified: false },
      mallory: { email: "mallory@elsewhere.test", email_verified: true },
    },
  });
}, 60_000);
afterAll(async () => {
  await provider.stop();
  await server.close();
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  await db.organization.create({ data: { slug: "other", name: "Other" } });
  await db.organization.create({ data: { slug: "acme", name: "Acme" } });
});

const loginUrl = (next = "/organizations/acme/issues") =>
  `${server.url}/api/0/auth/oidc/login/?next=${encodeURIComponent(next)}`;
/** Stop where the browser lands back on the dashboard (not the API). */
const onDashboard = (url: string) => url.startsWith(server.url) && !url.startsWith(`${server.url}/api/`);
const whoIs = (jar: CookieJar) =>
  request(server.url)
    .get("/api/0/")
    .set("Cookie", jar.header(server.url))
    .then((res) => res.body.user);

describe("single sign-on with OpenID Connect", () => {
  it("tells the login page its button label", async () => {
    expect((await request(server.url).get("/api/0/auth/oidc/")).body).toEqual({
      enabled: true,
      buttonLabel: "Acme SSO",
    });
  });

  it("a first sign-in (code flow with PKCE, state and nonce) creates the account in the default organization", async () => {
    const run = await browseSso(loginUrl(), "ana", { stopAt: onDashboard });
    const toProvider = new URL(run.visited[1] as string);
    expect(toProvider.origin).toBe(issuer);
    expect(toProvider.searchParams.get("code_challenge_method")).toBe("S256");
    expect(toProvider.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(toProvider.searchParams.get("state")).toBeTruthy();
    expect(toProvider.searchParams.get("nonce")).toBeTruthy();
    expect(toProvider.searchParams.get("redirect_uri")).toBe(`${server.url}/api/0/auth/oidc/callback/`);

    expect(run.last.status).toBe(303);
    expect(run.lastUrl).toBe(`${server.url}/organizations/acme/issues`);
    expect(await whoIs(run.jar)).toMatchObject({ email: "ana@example.com", name: "Ana Lima" });
    const user = await db.user.findUniqueOrThrow({
      where: { email: "ana@example.com" },
      include: { memberships: { include: { organization: true } } },
    });
    expect(user.memberships.map((m) => [m.organization.slug, m.role])).toEqual([["acme", "viewer"]]);
    // The state was single use: the same callback again is refused.
    const callback = run.visited.find((url) => url.includes("/auth/oidc/callback/")) as string;
    const replay = await fetch(callback, { redirect: "manual", headers: { accept: "application/json" } });
    expect(replay.status).toBe(400);
  });

  it("links an existing account by its verified email and keeps its role", async () => {
    const existing = await createTestUser(db, "bob@example.org", { acme: "admin" });
    const run = await browseSso(loginUrl("/"), "bob", { stopAt: onDashboard });
    expect(run.lastUrl).toBe(`${server.url}/`);
    expect((await whoIs(run.jar)).id).toBe(String(existing.id));
    const membership = await db.organizationMember.findFirstOrThrow({ where: { userId: existing.id } });
    expect(membership.role).toBe("admin");
    expect(await db.user.count()).toBe(1);
  });

  it("refuses an email the provider has not verified, and creates nothing", async () => {
    await createTestUser(db, "eve@example.com", { acme: "owner" });
    const run = await browseSso(loginUrl(), "eve", { stopAt: onDashboard });
    const landed = new URL(run.lastUrl);
    expect(landed.pathname).toBe("/login");
    expect(landed.searchParams.get("ssoError")).toMatch(/has not verified eve@example\.com/);
    expect(await whoIs(run.jar)).toBeNull();

    const json = await browseSso(loginUrl(), "eve", { accept: "application/json" });
    expect(json.last.status).toBe(403);
    expect(await json.last.json()).toEqual({
      detail: "Single sign-on refused: The identity provider has not verified eve@example.com; verify it there first.",
    });
  });

  it("refuses an email outside the allowed domains", async () => {
    const run = await browseSso(loginUrl(), "mallory", { accept: "application/json" });
    expect(run.last.status).toBe(403);
    expect(((await run.last.json()) as { detail: string }).detail).toBe(
      "Single sign-on refused: Email addresses at elsewhere.test may not sign in here.",
    );
    expect(await db.user.count()).toBe(0);
  });

  it("refuses a callback whose state is not this browser's (login CSRF) or was tampered with", async () => {
    const isCallback = (url: string) => url.includes("/api/0/auth/oidc/callback/");
    const attacker = await browseSso(loginUrl(), "ana", { stopAt: isCallback });
    // The victim's browser never started this sign-in: it has no state cookie.
    const victim = await fetch(attacker.lastUrl, { redirect: "manual", headers: { accept: "application/json" } });
    expect(victim.status).toBe(400);
    expect(((await victim.json()) as { detail: string }).detail).toMatch(/state does not match/);

    const own = await browseSso(loginUrl(), "ana", { stopAt: isCallback });
    const tampered = new URL(own.lastUrl);
    tampered.searchParams.set("state", "tampered");
    const res = await fetch(tampered, {
      redirect: "manual",
      headers: { accept: "text/html", cookie: own.jar.header(server.url) },
    });
    expect(res.status).toBe(303);
    expect(new URL(res.headers.get("location") as string).searchParams.get("ssoError")).toMatch(/state does not match/);
    expect(await db.user.count()).toBe(0);
  });

  it("asks an account with two-factor on for its code before the session opens", async () => {
    await createTestUser(db, "ana@example.com", { acme: "member" });
    const { secret } = await enrolTwoFactor(server.url, await passwordSession(server.url, "ana@example.com"));
    const run = await browseSso(loginUrl(), "ana", { stopAt: onDashboard });
    const landed = new URL(run.lastUrl);
    expect(landed.pathname).toBe("/login");
    expect(landed.searchParams.get("next")).toBe("/organizations/acme/issues");
    const pendingLogin = landed.searchParams.get("twoFactor") as string;
    expect(await whoIs(run.jar)).toBeNull();
    const done = await request(server.url)
      .post("/api/0/auth/login/two-factor/")
      .send({ pendingLogin, code: nextCode(secret) });
    expect(done.status).toBe(200);
    expect(done.body.user.email).toBe("ana@example.com");
  });
});

describe("an identity provider that cannot be reached", () => {
  it("sends a browser back to the sign-in page with the reason; other clients get 502", async () => {
    const [, closedPort] = childPorts(2) as [number, number];
    const broken = await startTestServer(db, {
      api: {
        oidc: {
          issuer: `http://127.0.0.1:${closedPort}`,
          clientId: "x",
          clientSecret: "y",
          allowedDomains: [],
          defaultRole: "member",
          defaultOrganization: null,
          buttonLabel: "SSO",
        },
      },
    });
    try {
      const page = await request(broken.url).get("/api/0/auth/oidc/login/").set("Accept", "text/html");
      expect(page.status).toBe(303);
      expect(new URL(page.headers.location as string).searchParams.get("ssoError")).toBe(
        "Single sign-on failed: the identity provider could not be reached.",
      );
      const json = await request(broken.url).get("/api/0/auth/oidc/login/");
      expect(json.status).toBe(502);
      expect(json.body.detail).toBe("Single sign-on failed: the identity provider could not be reached.");
    } finally {
      await broken.close();
    }
  });

  it("answers 404 when single sign-on is not configured", async () => {
    const plain = await startTestServer(db);
    try {
      expect((await request(plain.url).get("/api/0/auth/oidc/")).body).toEqual({ enabled: false, buttonLabel: null });
      expect((await request(plain.url).get("/api/0/auth/oidc/login/")).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
