import type { Database } from "@faultline/db";
import request from "supertest";
import { TEST_PASSWORD, createTestUser } from "../../../test/support/api";
import { openDatabase, resetState, startTestServer, type TestServer } from "../../../test/support/harness";

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
  server = await startTestServer(db, { api: { loginMaxAttempts: 10 } });
  await createTestUser(db, "ana@example.com", { acme: "member" });
});
afterEach(async () => {
  await server.close();
});

const attempt = (password: string, email = "ana@example.com") =>
  request(server.url).post("/api/0/auth/login/").send({ email, password });

describe("login rate limit under concurrency", () => {
  it("40 parallel wrong passwords: exactly the limit (10) are checked, the rest get 429 with Retry-After", async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, n) => attempt(`wrong password ${n}`)));
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(30);
    for (const res of answers.filter((answer) => answer.status === 429)) {
      expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
      expect(res.body.detail).toMatch(/Too many login attempts/);
    }
    // Past the limit even the right password is refused.
    expect((await attempt(TEST_PASSWORD)).status).toBe(429);
  });

  it("successful logins do not use up the limit, and a success clears the email's failures", async () => {
    for (let n = 0; n < 9; n++) expect((await attempt("wrong password")).status).toBe(401);
    for (let n = 0; n < 12; n++) expect((await attempt(TEST_PASSWORD)).status).toBe(200);
    // The email's counter was cleared; the address still holds 9 failures: one more is allowed.
    expect((await attempt("wrong password")).status).toBe(401);
    expect((await attempt("wrong password")).status).toBe(429);
  });
});
