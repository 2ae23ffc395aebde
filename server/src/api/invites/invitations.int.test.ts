import { createHash } from "node:crypto";
import type { Database } from "@faultline/db";
import request from "supertest";
import { TEST_PASSWORD, bearerFor, createTestUser, memberWithToken } from "../../../../test/support/api";
import { openDatabase, resetState, startTestServer, type TestServer } from "../../../../test/support/harness";

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
  // No SMTP_URL: the answer carries the link to pass on by hand.
  server = await startTestServer(db, { api: { emailConfigured: false } });
  await db.organization.create({ data: { slug: "acme", name: "Acme" } });
});
afterEach(async () => {
  await server.close();
});

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

interface Session {
  cookie: string;
  csrf: string;
}

function sessionOf(res: request.Response): Session {
  const raw = res.headers["set-cookie"] as unknown;
  const lines = Array.isArray(raw) ? (raw as string[]) : [];
  return { cookie: lines.map((line) => line.split(";")[0]).join("; "), csrf: String(res.body.csrfToken ?? "") };
}

async function signIn(email: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await request(server.url).post("/api/0/auth/login/").send({ email, password });
  expect(res.status).toBe(200);
  return sessionOf(res);
}

async function invite(auth: string, body: Record<string, unknown>, org = "acme") {
  return request(server.url).post(`/api/0/organizations/${org}/members/`).set("Authorization", auth).send(body);
}

/** The id and token in an accept link (`/accept/{id}/{token}/`). */
function partsOf(link: string): { id: string; token: string; path: string } {
  const match = /\/accept\/(\d+)\/([0-9a-f]+)\/$/.exec(link);
  if (!match?.[1] || !match[2]) throw new Error(`not an accept link: ${link}`);
  return { id: match[1], token: match[2], path: `/api/0/accept-invite/${match[1]}/${match[2]}/` };
}

describe("inviting by email", () => {
  it("creates a pending member with a single-use link stored hashed; accepting creates the account and signs it in", async () => {
    const owner = await memberWithToken(db, "owner@example.com", "acme", "owner");
    await db.team.create({
      data: {
        organizationId: (await db.organization.findUniqueOrThrow({ where: { slug: "acme" } })).id,
        slug: "backend",
        name: "Backend",
      },
    });
    const res = await invite(owner.auth, { email: "New.Person@Example.com", orgRole: "admin", teams: ["backend"] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email: "new.person@example.com",
      orgRole: "admin",
      pending: true,
      expired: false,
      emailed: false,
      teams: ["backend"],
      user: null,
      inviterName: "owner@example.com",
    });
    const link = res.body.inviteLink as string;
    expect(link.startsWith(`${server.url}/accept/${res.body.id}/`)).toBe(true);
    const { token, path } = partsOf(link);

    // At rest: only the SHA-256 of the token, nowhere the token itself.
    const row = await db.memberInvite.findFirstOrThrow();
    expect(row.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const expiresInDays = (row.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(expiresInDays).toBeGreaterThan(6.9);
    expect(expiresInDays).toBeLessThanOrEqual(7);

    const listed = await request(server.url).get("/api/0/organizations/acme/members/").set("Authorization", owner.auth);
    expect(listed.body.map((m: { email: string; pending: boolean }) => [m.email, m.pending])).toEqual([
      ["owner@example.com", false],
      ["new.person@example.com", true],
    ]);

    const shown = await request(server.url).get(path);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      organization: { slug: "acme", name: "Acme" },
      email: "new.person@example.com",
      orgRole: "admin",
      existingAccount: false,
      needsAuthentication: true,
    });

    const weak = await request(server.url).post(path).send({ name: "New Person", password: "password1" });
    expect(weak.status).toBe(400);
    expect(weak.body.detail).toMatch(/^password: /);

    const accepted = await request(server.url).post(path).send({ name: "New Person", password: "a long new password" });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ email: "new.person@example.com", name: "New Person" });
    const session = sessionOf(accepted);
    const me = await request(server.url).get("/api/0/").set("Cookie", session.cookie);
    expect(me.body.user.email).toBe("new.person@example.com");

    const member = await db.organizationMember.findFirstOrThrow({
      where: { user: { email: "new.person@example.com" } },
      include: { teams: { include: { team: true } } },
    });
    expect(member.role).toBe("admin");
    expect(member.teams.map((t) => t.team.slug)).toEqual(["backend"]);
    expect(await db.memberInvite.count()).toBe(0);

    // Single use: the same link again is refused, for reading and for accepting.
    expect((await request(server.url).get(path)).status).toBe(404);
    const again = await request(server.url).post(path).send({ name: "Someone", password: "another long password" });
    expect(again.status).toBe(404);
    expect(again.body.detail).toMatch(/not valid/);
  });

  it("an existing account joins only by accepting, signed in; signed out it is asked to sign in", async () => {
    const admin = await memberWithToken(db, "admin@example.com", "acme", "admin");
    await createTestUser(db, "dana@example.com");
    const res = await invite(admin.auth, { email: "dana@example.com", orgRole: "member" });
    expect(res.status).toBe(201);
    const { path } = partsOf(res.body.inviteLink as string);
    expect(await db.organizationMember.count({ where: { user: { email: "dana@example.com" } } })).toBe(0);

    expect((await request(server.url).get(path)).body.existingAccount).toBe(true);
    const anonymous = await request(server.url).post(path).send({ password: "a long new password" });
    expect(anonymous.status).toBe(401);
    expect(await db.organizationMember.count({ where: { user: { email: "dana@example.com" } } })).toBe(0);

    // An API token cannot accept on the person's behalf.
    const dana = await db.user.findUniqueOrThrow({ where: { email: "dana@example.com" } });
    const byToken = await request(server.url)
      .post(path)
      .set("Authorization", await bearerFor(db, dana.id))
      .send({});
    expect(byToken.status).toBe(403);

    const session = await signIn("dana@example.com");
    const joined = await request(server.url)
      .post(path)
      .set("Cookie", session.cookie)
      .set("X-CSRFToken", session.csrf)
      .send({});
    expect(joined.status).toBe(200);
    expect(joined.body.organization.slug).toBe("acme");
    const member = await db.organizationMember.findFirstOrThrow({ where: { user: { email: "dana@example.com" } } });
    expect(member.role).toBe("member");

    const twice = await invite(admin.auth, { email: "dana@example.com" });
    expect(twice.status).toBe(409);
  });

  it("an expired link is refused and listed as expired", async () => {
    const admin = await memberWithToken(db, "admin@example.com", "acme", "admin");
    const res = await invite(admin.auth, { email: "late@example.com" });
    const { path } = partsOf(res.body.inviteLink as string);
    await db.memberInvite.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await request(server.url).get(path)).status).toBe(404);
    const accepted = await request(server.url).post(path).send({ name: "Late", password: "a long new password" });
    expect(accepted.status).toBe(404);
    expect(await db.user.count({ where: { email: "late@example.com" } })).toBe(0);
    const listed = await request(server.url).get("/api/0/organizations/acme/members/").set("Authorization", admin.auth);
    expect(listed.body.find((m: { email: string }) => m.email === "late@example.com")).toMatchObject({
      pending: true,
      expired: true,
    });
  });

  it("re-sending makes a new link (the old one stops working); revoking ends it", async () => {
    const admin = await memberWithToken(db, "admin@example.com", "acme", "admin");
    const res = await invite(admin.auth, { email: "pat@example.com" });
    const first = partsOf(res.body.inviteLink as string);
    const resent = await request(server.url)
      .put(`/api/0/organizations/acme/members/${res.body.id}/`)
      .set("Authorization", admin.auth)
      .send({ reinvite: true });
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ id: res.body.id, pending: true, expired: false });
    const second = partsOf(resent.body.inviteLink as string);
    expect(second.token).not.toBe(first.token);
    expect((await request(server.url).get(first.path)).status).toBe(404);
    expect((await request(server.url).get(second.path)).status).toBe(200);

    const revoked = await request(server.url)
      .delete(`/api/0/organizations/acme/members/${res.body.id}/`)
      .set("Authorization", admin.auth);
    expect(revoked.status).toBe(204);
    expect((await request(server.url).get(second.path)).status).toBe(404);
    const listed = await request(server.url).get("/api/0/organizations/acme/members/").set("Authorization", admin.auth);
    expect(listed.body.map((m: { email: string }) => m.email)).toEqual(["admin@example.com"]);
  });

  it("bad input gets a 400 naming the field", async () => {
    const admin = await memberWithToken(db, "admin@example.com", "acme", "admin");
    expect((await invite(admin.auth, { email: "not-an-email" })).body.detail).toMatch(/^email: /);
    expect((await invite(admin.auth, { email: "a@example.com", orgRole: "king" })).body.detail).toMatch(/^orgRole: /);
    const team = await invite(admin.auth, { email: "a@example.com", teams: ["nope"] });
    expect([team.status, team.body.detail]).toEqual([400, 'teams: no team named "nope"']);
  });
});

describe("who may invite, re-send and revoke", () => {
  it("viewer, member, admin, owner, another organization and a read-only token", async () => {
    const owner = await memberWithToken(db, "owner@example.com", "acme", "owner");
    const admin = await memberWithToken(db, "admin@example.com", "acme", "admin");
    const member = await memberWithToken(db, "member@example.com", "acme", "member");
    const viewer = await memberWithToken(db, "viewer@example.com", "acme", "viewer");
    const outsider = await memberWithToken(db, "outsider@example.com", "rival", "owner");
    const readOnly = await bearerFor(db, admin.user.id, ["read"]);

    for (const auth of [member.auth, viewer.auth, readOnly])
      expect((await invite(auth, { email: "x@example.com" })).status).toBe(403);
    expect((await invite(outsider.auth, { email: "x@example.com" })).status).toBe(404);
    expect((await invite(admin.auth, { email: "boss@example.com", orgRole: "owner" })).status).toBe(403);
    const ownerInvite = await invite(owner.auth, { email: "boss@example.com", orgRole: "owner" });
    expect(ownerInvite.status).toBe(201);
    const plain = await invite(admin.auth, { email: "x@example.com", orgRole: "member" });
    expect(plain.status).toBe(201);

    // Everyone in the organization sees the list (pending members included); outsiders do not.
    for (const auth of [viewer.auth, member.auth, readOnly]) {
      const listed = await request(server.url).get("/api/0/organizations/acme/members/").set("Authorization", auth);
      expect(listed.status).toBe(200);
      expect(listed.body.filter((m: { pending: boolean }) => m.pending)).toHaveLength(2);
    }
    expect(
      (await request(server.url).get("/api/0/organizations/acme/members/").set("Authorization", outsider.auth)).status,
    ).toBe(404);

    const put = (auth: string, id: string, body: object) =>
      request(server.url).put(`/api/0/organizations/acme/members/${id}/`).set("Authorization", auth).send(body);
    const del = (auth: string, id: string) =>
      request(server.url).delete(`/api/0/organizations/acme/members/${id}/`).set("Authorization", auth);
    for (const auth of [member.auth, viewer.auth, readOnly]) {
      expect((await put(auth, plain.body.id, { reinvite: true })).status).toBe(403);
      expect((await del(auth, plain.body.id)).status).toBe(403);
    }
    expect((await put(outsider.auth, plain.body.id, { reinvite: true })).status).toBe(404);
    expect((await del(outsider.auth, plain.body.id)).status).toBe(404);
    // An admin can neither re-send, promote to owner nor revoke an owner's invitation.
    expect((await put(admin.auth, ownerInvite.body.id, { reinvite: true })).status).toBe(403);
    expect((await put(admin.auth, plain.body.id, { orgRole: "owner" })).status).toBe(403);
    expect((await del(admin.auth, ownerInvite.body.id)).status).toBe(403);
    expect((await put(admin.auth, plain.body.id, { orgRole: "viewer" })).body.orgRole).toBe("viewer");
    expect((await del(owner.auth, ownerInvite.body.id)).status).toBe(204);
  });
});
