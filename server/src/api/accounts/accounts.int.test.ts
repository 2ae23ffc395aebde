import { createProjectsRepo, type Database } from "@faultline/db";
import request from "supertest";
import { openDatabase, resetState, startTestServer, type TestServer } from "../../../../test/support/harness";
import { TEST_PASSWORD, bearerFor, createTestUser } from "../../../../test/support/api";

let db: Database;
let server: TestServer;

beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  server = await startTestServer(db, { api: { loginMaxAttempts: 3 } });
});
afterEach(async () => {
  await server.close();
});

function cookiesOf(res: request.Response): string[] {
  const raw = res.headers["set-cookie"] as unknown;
  return Array.isArray(raw) ? (raw as string[]) : [];
}

async function login(email = "ana@example.com", password = TEST_PASSWORD) {
  const res = await request(server.url).post("/api/0/auth/login/").send({ email, password });
  const cookie = cookiesOf(res)
    .map((line) => line.split(";")[0])
    .join("; ");
  return { res, cookie, csrf: (res.body as { csrfToken?: string }).csrfToken ?? "" };
}

describe("first-run set-up", () => {
  it("adopts the organization a command-line project made before it: one organization, owned by the first account", async () => {
    await createProjectsRepo(db).createProject({ orgSlug: "acme", name: "Checkout", platform: "node" });
    const before = await request(server.url).get("/api/0/auth/setup/");
    expect(before.body).toEqual({ needsSetup: true, organizations: [{ slug: "acme", name: "acme" }] });
    const res = await request(server.url)
      .post("/api/0/auth/setup/")
      .send({ email: "root@example.com", password: "a long password" });
    expect(res.status).toBe(201);
    const cookie = cookiesOf(res)
      .map((line) => line.split(";")[0])
      .join("; ");
    const orgs = await request(server.url).get("/api/0/organizations/").set("Cookie", cookie);
    expect(orgs.body.map((org: { slug: string }) => org.slug)).toEqual(["acme"]);
    expect(await db.organization.count()).toBe(1);
    const owner = await db.organizationMember.findFirstOrThrow({ include: { user: true } });
    expect([owner.user.email, owner.role]).toEqual(["root@example.com", "owner"]);
  });

  it("creates the first superuser once, logs them in, then refuses", async () => {
    expect((await request(server.url).get("/api/0/auth/setup/")).body).toEqual({ needsSetup: true, organizations: [] });
    const res = await request(server.url)
      .post("/api/0/auth/setup/")
      .send({ email: "Root@Example.com", password: "a long password" });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email: "root@example.com", isSuperuser: true });
    expect(cookiesOf(res).join("\n")).toContain("fl_session=");
    const again = await request(server.url)
      .post("/api/0/auth/setup/")
      .send({ email: "evil@example.com", password: "a long password" });
    expect(again.status).toBe(409);
    expect((await request(server.url).get("/api/0/auth/setup/")).body).toEqual({
      needsSetup: false,
      organizations: [],
    });
  });

  it("refuses a common password at set-up", async () => {
    const res = await request(server.url)
      .post("/api/0/auth/setup/")
      .send({ email: "a@example.com", password: "baseball1" });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/^password: is one of the most common passwords/);
    expect((await request(server.url).get("/api/0/auth/setup/")).body).toEqual({ needsSetup: true, organizations: [] });
  });

  it("rejects a short password with a detail naming the field", async () => {
    const res = await request(server.url)
      .post("/api/0/auth/setup/")
      .send({ email: "a@example.com", password: "short" });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/^password: /);
  });
});

describe("login, session cookie, CSRF, logout", () => {
  beforeEach(async () => {
    await createTestUser(db, "ana@example.com", { acme: "member" });
  });

  it("sets an HttpOnly SameSite=Lax session cookie and a readable CSRF cookie", async () => {
    const { res } = await login();
    expect(res.status).toBe(200);
    const [session, csrf] = [
      cookiesOf(res).find((line) => line.startsWith("fl_session=")),
      cookiesOf(res).find((line) => line.startsWith("fl_csrf=")),
    ];
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).not.toMatch(/Secure/); // PUBLIC_URL is http here
    expect(csrf).not.toMatch(/HttpOnly/);
    const stored = await db.userSession.findFirst();
    expect(stored?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(session).not.toContain(stored?.tokenHash ?? "-");
  });

  it("the cookie authenticates reads; writes need the X-CSRFToken header and a same origin", async () => {
    const { cookie, csrf } = await login();
    const me = await request(server.url).get("/api/0/users/me/").set("Cookie", cookie);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: "ana@example.com" });

    const noToken = await request(server.url)
      .post("/api/0/api-tokens/")
      .set("Cookie", cookie)
      .send({ scopes: ["read"] });
    expect(noToken.status).toBe(403);
    expect(noToken.body.detail).toMatch(/CSRF/);
    const wrongToken = await request(server.url)
      .post("/api/0/api-tokens/")
      .set("Cookie", cookie)
      .set("X-CSRFToken", "nope")
      .send({ scopes: ["read"] });
    expect(wrongToken.status).toBe(403);
    const crossSite = await request(server.url)
      .post("/api/0/api-tokens/")
      .set("Cookie", cookie)
      .set("X-CSRFToken", csrf)
      .set("Origin", "https://evil.example")
      .send({ scopes: ["read"] });
    expect(crossSite.status).toBe(403);
    const ok = await request(server.url)
      .post("/api/0/api-tokens/")
      .set("Cookie", cookie)
      .set("X-CSRFToken", csrf)
      .set("Origin", server.url)
      .send({ scopes: ["read"] });
    expect(ok.status).toBe(201);
  });

  it("refuses a cross-origin login (login CSRF)", async () => {
    const res = await request(server.url)
      .post("/api/0/auth/login/")
      .set("Origin", "https://evil.example")
      .send({ email: "ana@example.com", password: TEST_PASSWORD });
    expect(res.status).toBe(403);
  });

  it("logout ends the session", async () => {
    const { cookie, csrf } = await login();
    const out = await request(server.url).post("/api/0/auth/logout/").set("Cookie", cookie).set("X-CSRFToken", csrf);
    expect(out.status).toBe(204);
    expect((await request(server.url).get("/api/0/users/me/").set("Cookie", cookie)).status).toBe(401);
  });

  it("wrong passwords get 401, then 429 with Retry-After once the limit is reached", async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const { res } = await login("ana@example.com", "wrong password");
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ detail: "Invalid email or password." });
    }
    const { res } = await login();
    expect(res.status).toBe(429);
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("an unknown email answers like a wrong password", async () => {
    const { res } = await login("nobody@example.com", "whatever it is");
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ detail: "Invalid email or password." });
  });

  it("changes the password: the old one stops working, other sessions end", async () => {
    const first = await login();
    const second = await login();
    const res = await request(server.url)
      .put("/api/0/users/me/password/")
      .set("Cookie", first.cookie)
      .set("X-CSRFToken", first.csrf)
      .send({ password: TEST_PASSWORD, passwordNew: "a brand new password" });
    expect(res.status).toBe(204);
    expect((await request(server.url).get("/api/0/users/me/").set("Cookie", first.cookie)).status).toBe(200);
    expect((await request(server.url).get("/api/0/users/me/").set("Cookie", second.cookie)).status).toBe(401);
    expect((await login()).res.status).toBe(401);
    expect((await login("ana@example.com", "a brand new password")).res.status).toBe(200);
  });

  it("API tokens cannot change the password, whatever their scopes; every session stays", async () => {
    const session = await login();
    const user = await db.user.findUniqueOrThrow({ where: { email: "ana@example.com" } });
    for (const scopes of [["read"], ["read", "write", "admin"]] as const) {
      const res = await request(server.url)
        .put("/api/0/users/me/password/")
        .set("Authorization", await bearerFor(db, user.id, [...scopes]))
        .send({ password: TEST_PASSWORD, passwordNew: "taken over by a token" });
      expect(res.status).toBe(403);
      expect(res.body.detail).toMatch(/signed-in browser session/);
    }
    expect((await request(server.url).get("/api/0/users/me/").set("Cookie", session.cookie)).status).toBe(200);
    expect((await login()).res.status).toBe(200);
  });

  it("keeps API tokens across a password change", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "ana@example.com" } });
    const token = await bearerFor(db, user.id, ["read"]);
    const { cookie, csrf } = await login();
    const res = await request(server.url)
      .put("/api/0/users/me/password/")
      .set("Cookie", cookie)
      .set("X-CSRFToken", csrf)
      .send({ password: TEST_PASSWORD, passwordNew: "a brand new password" });
    expect(res.status).toBe(204);
    expect((await request(server.url).get("/api/0/users/me/").set("Authorization", token)).status).toBe(200);
  });

  it("refuses common passwords wherever a password is set, beside the length rule", async () => {
    const { cookie, csrf } = await login();
    for (const [passwordNew, detail] of [
      ["password1", /^passwordNew: is one of the most common passwords/],
      ["Qwertyuiop", /^passwordNew: is one of the most common passwords/],
      ["iloveyou2", /^passwordNew: is one of the most common passwords/],
      ["short", /^passwordNew: must be at least 8 characters/],
    ] as const) {
      const res = await request(server.url)
        .put("/api/0/users/me/password/")
        .set("Cookie", cookie)
        .set("X-CSRFToken", csrf)
        .send({ password: TEST_PASSWORD, passwordNew });
      expect({ passwordNew, status: res.status }).toEqual({ passwordNew, status: 400 });
      expect(res.body.detail).toMatch(detail);
    }
    expect((await login()).res.status).toBe(200);
  });

  it("refuses a password change with the wrong current password", async () => {
    const { cookie, csrf } = await login();
    const res = await request(server.url)
      .put("/api/0/users/me/password/")
      .set("Cookie", cookie)
      .set("X-CSRFToken", csrf)
      .send({ password: "not it at all", passwordNew: "a brand new password" });
    expect(res.status).toBe(400);
  });
});

describe("API tokens", () => {
  it("GET /api/0/ answers like Sentry, with and without a token", async () => {
    const user = await createTestUser(db, "bot@example.com", { acme: "admin" });
    const anonymous = await request(server.url).get("/api/0/");
    expect(anonymous.body).toEqual({ version: "0", auth: null, user: null });
    const res = await request(server.url)
      .get("/api/0/")
      .set("Authorization", await bearerFor(db, user.id, ["read"]));
    expect(res.status).toBe(200);
    expect(res.body.version).toBe("0");
    expect(res.body.auth.scopes).toContain("project:read");
    expect(res.body.auth.scopes).not.toContain("project:write");
    expect(res.body.user).toMatchObject({ id: String(user.id), email: "bot@example.com" });
  });

  it("bad, malformed and revoked tokens get 401 with a detail", async () => {
    const user = await createTestUser(db, "bot@example.com");
    for (const header of ["Bearer flt_0000", "Bearer", "Token abc"]) {
      const res = await request(server.url).get("/api/0/organizations/").set("Authorization", header);
      expect({ header, status: res.status }).toEqual({ header, status: 401 });
      expect(typeof res.body.detail).toBe("string");
    }
    const auth = await bearerFor(db, user.id);
    const list = await request(server.url).get("/api/0/api-tokens/").set("Authorization", auth);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ scopes: ["read", "write", "admin"], tokenLastCharacters: auth.slice(-4) });
    expect(list.body[0].token).toBeUndefined();
    const revoke = await request(server.url).delete(`/api/0/api-tokens/${list.body[0].id}/`).set("Authorization", auth);
    expect(revoke.status).toBe(204);
    expect((await request(server.url).get("/api/0/api-tokens/").set("Authorization", auth)).status).toBe(401);
  });

  it("creates a token shown once, stored hashed; a read token cannot mint tokens", async () => {
    const user = await createTestUser(db, "bot@example.com");
    const res = await request(server.url)
      .post("/api/0/api-tokens/")
      .set("Authorization", await bearerFor(db, user.id, ["admin"]))
      .send({ name: "ci", scopes: ["read", "write"] });
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^flt_[0-9a-f]{64}$/);
    const stored = await db.apiToken.findMany({ select: { tokenHash: true } });
    expect(stored.map((row) => row.tokenHash)).not.toContain(res.body.token);
    const readOnly = await request(server.url)
      .post("/api/0/api-tokens/")
      .set("Authorization", await bearerFor(db, user.id, ["read"]))
      .send({ scopes: ["admin"] });
    expect(readOnly.status).toBe(403);
  });

  it("someone else's token id is 404", async () => {
    const ana = await createTestUser(db, "ana@example.com");
    const bob = await createTestUser(db, "bob@example.com");
    const anaAuth = await bearerFor(db, ana.id);
    await bearerFor(db, bob.id);
    const theirs = await db.apiToken.findFirst({ where: { userId: bob.id } });
    const res = await request(server.url).delete(`/api/0/api-tokens/${theirs?.id}/`).set("Authorization", anaAuth);
    expect(res.status).toBe(404);
  });

  it("unknown API paths are 404 JSON, malformed JSON is 400, huge bodies 413", async () => {
    const user = await createTestUser(db, "bot@example.com");
    const auth = await bearerFor(db, user.id);
    const unknown = await request(server.url).get("/api/0/nothing-here/").set("Authorization", auth);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ detail: "Unknown API endpoint" });
    const malformed = await request(server.url)
      .post("/api/0/api-tokens/")
      .set("Authorization", auth)
      .set("Content-Type", "application/json")
      .send("{nope");
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ detail: "Malformed JSON body" });
    const huge = await request(server.url)
      .post("/api/0/api-tokens/")
      .set("Authorization", auth)
      .send({ name: "x".repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
  });
});
