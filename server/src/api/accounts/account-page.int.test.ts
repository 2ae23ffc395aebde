import type { Database } from "@faultline/db";
import request from "supertest";
import { TEST_PASSWORD, bearerFor, createTestUser } from "../../../../test/support/api";
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
  server = await startTestServer(db);
});
afterEach(async () => {
  await server.close();
});

async function signIn(email: string) {
  const res = await request(server.url).post("/api/0/auth/login/").send({ email, password: TEST_PASSWORD });
  const raw = res.headers["set-cookie"] as unknown;
  const cookie = (Array.isArray(raw) ? (raw as string[]) : []).map((line) => line.split(";")[0]).join("; ");
  return { cookie, csrf: String(res.body.csrfToken) };
}

describe("the account page's sessions", () => {
  it("lists the user's sessions and signs out every other one", async () => {
    await createTestUser(db, "ana@example.com");
    await createTestUser(db, "bo@example.com");
    const laptop = await signIn("ana@example.com");
    const phone = await signIn("ana@example.com");
    const other = await signIn("bo@example.com");
    const listed = await request(server.url).get("/api/0/users/me/sessions/").set("Cookie", laptop.cookie);
    expect(listed.status).toBe(200);
    expect(listed.body.map((s: { current: boolean }) => s.current).sort()).toEqual([false, true]);

    const ended = await request(server.url)
      .delete("/api/0/users/me/sessions/")
      .set("Cookie", laptop.cookie)
      .set("X-CSRFToken", laptop.csrf);
    expect([ended.status, ended.body]).toEqual([200, { ended: 1 }]);
    expect((await request(server.url).get("/api/0/").set("Cookie", phone.cookie)).body.user).toBeNull();
    expect((await request(server.url).get("/api/0/").set("Cookie", laptop.cookie)).body.user.email).toBe(
      "ana@example.com",
    );
    // Another person's sessions are theirs.
    expect((await request(server.url).get("/api/0/").set("Cookie", other.cookie)).body.user.email).toBe(
      "bo@example.com",
    );
    // Without the CSRF token a cookie cannot end sessions.
    const forged = await request(server.url).delete("/api/0/users/me/sessions/").set("Cookie", laptop.cookie);
    expect(forged.status).toBe(403);
  });

  it("API tokens, even with every scope, neither see nor end sessions; nobody sees another user's", async () => {
    const ana = await createTestUser(db, "ana@example.com");
    const bo = await createTestUser(db, "bo@example.com");
    const token = await bearerFor(db, ana.id);
    expect((await request(server.url).get("/api/0/users/me/sessions/").set("Authorization", token)).status).toBe(403);
    expect((await request(server.url).delete("/api/0/users/me/sessions/").set("Authorization", token)).status).toBe(
      403,
    );
    const session = await signIn("ana@example.com");
    const theirs = await request(server.url).get(`/api/0/users/${bo.id}/sessions/`).set("Cookie", session.cookie);
    expect(theirs.status).toBe(404);
    expect((await request(server.url).get("/api/0/users/me/sessions/")).status).toBe(401);
  });
});

describe("the account page's name", () => {
  it("changes with a session or a write token, not a read-only token; an empty name is a 400", async () => {
    const ana = await createTestUser(db, "ana@example.com");
    const session = await signIn("ana@example.com");
    const renamed = await request(server.url)
      .put("/api/0/users/me/")
      .set("Cookie", session.cookie)
      .set("X-CSRFToken", session.csrf)
      .send({ name: "  Ana Lyst " });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe("Ana Lyst");
    expect((await db.user.findUniqueOrThrow({ where: { id: ana.id } })).name).toBe("Ana Lyst");

    const readOnly = await bearerFor(db, ana.id, ["read"]);
    const refused = await request(server.url)
      .put("/api/0/users/me/")
      .set("Authorization", readOnly)
      .send({ name: "Mallory" });
    expect(refused.status).toBe(403);
    const writer = await bearerFor(db, ana.id, ["write"]);
    expect(
      (await request(server.url).put("/api/0/users/me/").set("Authorization", writer).send({ name: "Ana" })).status,
    ).toBe(200);
    const empty = await request(server.url).put("/api/0/users/me/").set("Authorization", writer).send({ name: " " });
    expect([empty.status, empty.body.detail]).toEqual([400, "name: must not be empty"]);
    const bo = await createTestUser(db, "bo@example.com");
    expect(
      (await request(server.url).put(`/api/0/users/${bo.id}/`).set("Authorization", writer).send({ name: "X" })).status,
    ).toBe(404);
  });
});
