import type { Database } from "@faultline/db";
import request from "supertest";
import { openDatabase, resetState, startTestServer, type TestServer } from "../../../../test/support/harness";
import { bearerFor, createTestUser } from "../../../../test/support/api";

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

const post = (auth: string, body: object) =>
  request(server.url).post("/api/0/organizations/").set("Authorization", auth).send(body);

describe("POST /api/0/organizations/", () => {
  it("a superuser creates an organization and owns it; the slug comes from the name", async () => {
    const admin = await createTestUser(db, "root@example.com", {}, { superuser: true });
    const auth = await bearerFor(db, admin.id);
    const res = await post(auth, { name: "Acme Corp" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ slug: "acme-corp", name: "Acme Corp" });
    const detail = await request(server.url).get("/api/0/organizations/acme-corp/").set("Authorization", auth);
    expect(detail.body.orgRole).toBe("owner");
    expect((await post(auth, { name: "Acme Corp" })).status).toBe(409);
    expect((await post(auth, { name: "" })).status).toBe(400);
  });

  it("anyone else is refused", async () => {
    const user = await createTestUser(db, "ana@example.com", { acme: "owner" });
    const res = await post(await bearerFor(db, user.id), { name: "Mine" });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ detail: expect.any(String) });
  });
});
