import type { Database } from "@faultline/db";
import request from "supertest";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  type TestServer,
} from "../../../../test/support/harness";
import { TEST_PASSWORD, bearerFor, createTestUser, memberWithToken } from "../../../../test/support/api";

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
  server = await startTestServer(db);
  await createTestProject(db, "Checkout", "acme");
  await createTestProject(db, "Secret Thing", "rival");
});
afterEach(async () => {
  await server.close();
});

const get = (path: string, auth: string) => request(server.url).get(path).set("Authorization", auth);

describe("organizations", () => {
  it("a user sees only their organizations, in Sentry's shape", async () => {
    const { auth } = await memberWithToken(db, "ana@example.com", "acme", "viewer");
    const res = await get("/api/0/organizations/", auth);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({
      id: expect.any(String),
      slug: "acme",
      name: "acme",
      dateCreated: expect.any(String),
    });
    const detail = await get("/api/0/organizations/acme/", auth);
    expect(detail.body).toMatchObject({
      slug: "acme",
      orgRole: "viewer",
      access: expect.arrayContaining(["org:read"]),
    });
    expect(detail.body.projects.map((p: { slug: string }) => p.slug)).toEqual(["checkout"]);
  });

  it("another organization's slug is 404, exactly like a missing one", async () => {
    const { auth } = await memberWithToken(db, "ana@example.com", "acme", "owner");
    for (const path of [
      "/api/0/organizations/rival/",
      "/api/0/organizations/rival/projects/",
      "/api/0/organizations/rival/members/",
      "/api/0/organizations/rival/audit-logs/",
      "/api/0/projects/rival/secret-thing/",
      "/api/0/projects/rival/secret-thing/keys/",
      "/api/0/projects/acme/secret-thing/",
    ]) {
      const res = await get(path, auth);
      expect({ path, status: res.status, body: res.body }).toEqual({
        path,
        status: 404,
        body: { detail: "The requested resource does not exist" },
      });
    }
    const projects = await get("/api/0/projects/", auth);
    expect(
      projects.body.map((p: { slug: string; organization: { slug: string } }) => [p.organization.slug, p.slug]),
    ).toEqual([["acme", "checkout"]]);
    const missing = await get("/api/0/organizations/nope/", auth);
    expect(missing.body).toEqual({ detail: "The requested resource does not exist" });
  });

  it("no credentials is 401", async () => {
    const res = await request(server.url).get("/api/0/organizations/");
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ detail: "Authentication credentials were not provided." });
  });

  it("a superuser sees every organization", async () => {
    const root = await createTestUser(db, "root@example.com", {}, { superuser: true });
    const res = await get("/api/0/organizations/", await bearerFor(db, root.id));
    expect(res.body.map((org: { slug: string }) => org.slug)).toEqual(["acme", "rival"]);
  });
});

describe("projects and keys", () => {
  it("admins create projects; members and viewers get 403", async () => {
    const admin = await memberWithToken(db, "admin@example.com", "acme", "admin");
    const member = await memberWithToken(db, "member@example.com", "acme", "member");
    const res = await request(server.url)
      .post("/api/0/organizations/acme/projects/")
      .set("Authorization", admin.auth)
      .send({ name: "Web Shop", platform: "javascript" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ slug: "web-shop", name: "Web Shop", platform: "javascript" });
    const denied = await request(server.url)
      .post("/api/0/organizations/acme/projects/")
      .set("Authorization", member.auth)
      .send({ name: "Nope" });
    expect(denied.status).toBe(403);
    const invalid = await request(server.url)
      .post("/api/0/organizations/acme/projects/")
      .set("Authorization", admin.auth)
      .send({ name: "" });
    expect(invalid.status).toBe(400);
    expect(invalid.body.detail).toMatch(/^name: /);
  });

  it("get, update and delete a project, with the audit log recording it", async () => {
    const admin = await memberWithToken(db, "admin@example.com", "acme", "admin");
    const detail = await get("/api/0/projects/acme/checkout/", admin.auth);
    expect(detail.body).toMatchObject({ slug: "checkout", organization: { slug: "acme" }, dataScrubber: true });
    const put = await request(server.url)
      .put("/api/0/projects/acme/checkout/")
      .set("Authorization", admin.auth)
      .send({ name: "Checkout API", sensitiveFields: ["iban"] });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: "Checkout API", sensitiveFields: ["iban"] });
    const unknownField = await request(server.url)
      .put("/api/0/projects/acme/checkout/")
      .set("Authorization", admin.auth)
      .send({ owner: "me" });
    expect(unknownField.status).toBe(400);
    const del = await request(server.url).delete("/api/0/projects/acme/checkout/").set("Authorization", admin.auth);
    expect(del.status).toBe(204);
    expect((await get("/api/0/projects/acme/checkout/", admin.auth)).status).toBe(404);
    const log = await get("/api/0/organizations/acme/audit-logs/", admin.auth);
    expect(log.body.rows.map((row: { event: string }) => row.event)).toEqual(["project.remove", "project.edit"]);
    expect(log.body.rows[0]).toMatchObject({ actor: { email: "admin@example.com" }, targetObject: "checkout" });
  });

  it("viewers read projects but cannot change them or read the audit log", async () => {
    const viewer = await memberWithToken(db, "viewer@example.com", "acme", "viewer");
    expect((await get("/api/0/projects/acme/checkout/", viewer.auth)).status).toBe(200);
    const put = await request(server.url)
      .put("/api/0/projects/acme/checkout/")
      .set("Authorization", viewer.auth)
      .send({ name: "x" });
    expect(put.status).toBe(403);
    expect((await get("/api/0/organizations/acme/audit-logs/", viewer.auth)).status).toBe(403);
  });

  it("a token's scopes narrow the role: a read token of an owner cannot write", async () => {
    const owner = await createTestUser(db, "owner@example.com", { acme: "owner" });
    const res = await request(server.url)
      .put("/api/0/projects/acme/checkout/")
      .set("Authorization", await bearerFor(db, owner.id, ["read"]))
      .send({ name: "x" });
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/scope/);
  });

  it("lists keys with DSNs built from PUBLIC_URL, creates, rate-limits and disables keys", async () => {
    const admin = await memberWithToken(db, "admin@example.com", "acme", "admin");
    const project = await db.project.findFirstOrThrow({ where: { slug: "checkout" } });
    const list = await get("/api/0/projects/acme/checkout/keys/", admin.auth);
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    const key = list.body[0];
    expect(key).toMatchObject({ name: "Default", isActive: true, projectId: project.id, rateLimit: null });
    expect(key.dsn.public).toBe(`http://${key.public}@127.0.0.1:${new URL(server.url).port}/${project.id}`);
    const created = await request(server.url)
      .post("/api/0/projects/acme/checkout/keys/")
      .set("Authorization", admin.auth)
      .send({ name: "Browser", rateLimit: { window: 60, count: 100 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Browser", rateLimit: { window: 60, count: 100 } });
    const disabled = await request(server.url)
      .put(`/api/0/projects/acme/checkout/keys/${created.body.id}/`)
      .set("Authorization", admin.auth)
      .send({ isActive: false, rateLimit: null });
    expect(disabled.body).toMatchObject({ isActive: false, rateLimit: null });
    const rivalKey = await db.projectKey.findFirstOrThrow({ where: { project: { slug: "secret-thing" } } });
    const idor = await request(server.url)
      .delete(`/api/0/projects/acme/checkout/keys/${rivalKey.publicKey}/`)
      .set("Authorization", admin.auth);
    expect(idor.status).toBe(404);
    const removed = await request(server.url)
      .delete(`/api/0/projects/acme/checkout/keys/${created.body.id}/`)
      .set("Authorization", admin.auth);
    expect(removed.status).toBe(204);
  });
});

describe("members", () => {
  it("admins invite existing users with a role; only owners make owners; the last owner stays", async () => {
    const owner = await memberWithToken(db, "owner@example.com", "acme", "owner");
    const admin = await memberWithToken(db, "admin@example.com", "acme", "admin");
    await createTestUser(db, "new@example.com");
    const added = await request(server.url)
      .post("/api/0/organizations/acme/members/")
      .set("Authorization", admin.auth)
      .send({ email: "new@example.com", role: "viewer" });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ email: "new@example.com", role: "viewer", pending: true });
    // The invited account joins by accepting, signed in.
    const login = await request(server.url)
      .post("/api/0/auth/login/")
      .send({ email: "new@example.com", password: TEST_PASSWORD });
    const cookie = ((login.headers["set-cookie"] as unknown as string[]) ?? [])
      .map((line) => line.split(";")[0])
      .join("; ");
    const [, id, token] = /\/accept\/(\d+)\/([0-9a-f]+)\/$/.exec(String(added.body.inviteLink)) ?? [];
    const accepted = await request(server.url)
      .post(`/api/0/accept-invite/${id}/${token}/`)
      .set("Cookie", cookie)
      .set("X-CSRFToken", String(login.body.csrfToken))
      .send({});
    expect(accepted.status).toBe(200);
    const newRow = await db.organizationMember.findFirstOrThrow({ where: { user: { email: "new@example.com" } } });
    expect(newRow.role).toBe("viewer");
    const promote = await request(server.url)
      .put(`/api/0/organizations/acme/members/${newRow.id}/`)
      .set("Authorization", admin.auth)
      .send({ role: "owner" });
    expect(promote.status).toBe(403);
    const ownerRow = await db.organizationMember.findFirstOrThrow({ where: { user: { email: "owner@example.com" } } });
    const demoteLast = await request(server.url)
      .put(`/api/0/organizations/acme/members/${ownerRow.id}/`)
      .set("Authorization", owner.auth)
      .send({ role: "member" });
    expect(demoteLast.status).toBe(400);
    const list = await get("/api/0/organizations/acme/members/", admin.auth);
    expect(list.body.map((m: { email: string }) => m.email)).toEqual([
      "owner@example.com",
      "admin@example.com",
      "new@example.com",
    ]);
    const rivalMember = await createTestUser(db, "rival@example.com", { rival: "owner" });
    const rivalRow = await db.organizationMember.findFirstOrThrow({ where: { userId: rivalMember.id } });
    const idor = await request(server.url)
      .delete(`/api/0/organizations/acme/members/${rivalRow.id}/`)
      .set("Authorization", owner.auth);
    expect(idor.status).toBe(404);
    const removed = await request(server.url)
      .delete(`/api/0/organizations/acme/members/${newRow.id}/`)
      .set("Authorization", admin.auth);
    expect(removed.status).toBe(204);
    const log = await get("/api/0/organizations/acme/audit-logs/", owner.auth);
    expect(log.body.rows.map((row: { event: string }) => row.event)).toEqual([
      "member.remove",
      "member.accept",
      "member.invite",
    ]);
  });

  it("audit-log pagination walks every entry once", async () => {
    const owner = await memberWithToken(db, "owner@example.com", "acme", "owner");
    const org = await db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
    for (let n = 0; n < 7; n++)
      await db.auditLogEntry.create({ data: { organizationId: org.id, actorLabel: "x", event: `e${n}` } });
    const seen: string[] = [];
    let url: string | undefined = "/api/0/organizations/acme/audit-logs/?per_page=3";
    while (url) {
      const res = await get(url, owner.auth);
      seen.push(...res.body.rows.map((row: { event: string }) => row.event));
      const next = /<([^>]+)>; rel="next"; results="true"/.exec(res.headers.link ?? "");
      url = next?.[1] ? new URL(next[1]).pathname + new URL(next[1]).search : undefined;
    }
    expect(seen).toEqual(["e6", "e5", "e4", "e3", "e2", "e1", "e0"]);
  });
});
