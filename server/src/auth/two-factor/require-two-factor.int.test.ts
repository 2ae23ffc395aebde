import type { Database } from "@faultline/db";
import request from "supertest";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  type TestServer,
} from "../../../../test/support/harness";
import { bearerFor, createTestUser } from "../../../../test/support/api";
import { enrolTwoFactor, passwordSession, type TestSession } from "../../../../test/support/two-factor";

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
  await createTestProject(db, "Web", "acme");
  await createTestProject(db, "Other app", "other");
});
afterEach(async () => {
  await server.close();
});

const http = () => request(server.url);
const asSession = (req: request.Test, session: TestSession) =>
  req.set("Cookie", session.cookie).set("X-CSRFToken", session.csrf);
const putSettings = (org: string, body: object) => http().put(`/api/0/organizations/${org}/`).send(body);

async function ownerWithTwoFactor(org = "acme") {
  await createTestUser(db, `owner@${org}.example`, { [org]: "owner" });
  const session = await passwordSession(server.url, `owner@${org}.example`);
  await enrolTwoFactor(server.url, session);
  return session;
}

describe("organization setting require2FA", () => {
  it("can only be turned on by someone who has two-factor on; the organization shows it", async () => {
    await createTestUser(db, "plain-owner@example.com", { acme: "owner" });
    const plain = await passwordSession(server.url, "plain-owner@example.com");
    const refused = await asSession(putSettings("acme", { require2FA: true }), plain);
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toBe("require2FA: turn on two-factor authentication for your own account first");

    const owner = await ownerWithTwoFactor();
    const on = await asSession(putSettings("acme", { require2FA: true }), owner);
    expect(on.status).toBe(200);
    expect(on.body.require2FA).toBe(true);
    const listed = await asSession(http().get("/api/0/organizations/"), owner);
    expect(listed.body.find((org: { slug: string }) => org.slug === "acme").require2FA).toBe(true);
    expect((await asSession(putSettings("acme", { require2FA: "yes" }), owner)).status).toBe(400);
  });

  it("only admins and owners change it; other organizations and read-only tokens cannot", async () => {
    await ownerWithTwoFactor();
    for (const role of ["admin", "member", "viewer"] as const) {
      await createTestUser(db, `${role}@example.com`, { acme: role });
      const session = await passwordSession(server.url, `${role}@example.com`);
      await enrolTwoFactor(server.url, session);
      const res = await asSession(putSettings("acme", { require2FA: true }), session);
      expect({ role, status: res.status }).toEqual({ role, status: role === "admin" ? 200 : 403 });
    }
    const outsider = await ownerWithTwoFactor("other");
    expect((await asSession(putSettings("acme", { require2FA: false }), outsider)).status).toBe(404);
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
    const readOnly = await bearerFor(db, admin.id, ["read"]);
    expect((await putSettings("acme", { require2FA: false }).set("Authorization", readOnly)).status).toBe(403);
  });

  it("sends members signed in without two-factor to enrolment; tokens, other organizations and enrolled members carry on", async () => {
    const owner = await ownerWithTwoFactor();
    expect((await asSession(putSettings("acme", { require2FA: true }), owner)).status).toBe(200);
    const member = await createTestUser(db, "member@example.com", { acme: "member", other: "member" });
    const session = await passwordSession(server.url, "member@example.com");

    for (const path of [
      "/api/0/organizations/acme/",
      "/api/0/organizations/acme/projects/",
      "/api/0/projects/acme/web/",
    ]) {
      const res = await asSession(http().get(path), session);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      expect(res.body.detail).toMatch(/requires two-factor authentication/);
    }
    // What the dashboard needs to send them to enrolment still answers.
    expect((await asSession(http().get("/api/0/organizations/"), session)).status).toBe(200);
    expect((await asSession(http().get("/api/0/"), session)).body.user.has2fa).toBe(false);
    // Another organization without the setting is not affected.
    expect((await asSession(http().get("/api/0/organizations/other/"), session)).status).toBe(200);
    // API tokens are not affected (documented): scripts cannot answer a code.
    const token = await bearerFor(db, member.id, ["read"]);
    expect((await http().get("/api/0/organizations/acme/").set("Authorization", token)).status).toBe(200);

    await enrolTwoFactor(server.url, session);
    expect((await asSession(http().get("/api/0/organizations/acme/"), session)).status).toBe(200);
  });
});
