import type { Database } from "@faultline/db";
import request from "supertest";
import { openDatabase, resetState, startTestServer, type TestServer } from "../../../../test/support/harness";
import { TEST_PASSWORD, bearerFor, createTestUser } from "../../../../test/support/api";
import {
  enrolTwoFactor,
  nextCode,
  passwordSession,
  sessionOf,
  type TestSession,
} from "../../../../test/support/two-factor";
import { totpCode } from "./totp";

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
  await createTestUser(db, "ana@example.com", { acme: "member" });
});
afterEach(async () => {
  await server.close();
});

const http = () => request(server.url);
const withSession = (req: request.Test, session: TestSession) =>
  req.set("Cookie", session.cookie).set("X-CSRFToken", session.csrf);
const passwordStep = () =>
  http().post("/api/0/auth/login/").send({ email: "ana@example.com", password: TEST_PASSWORD });
const codeStep = (pendingLogin: string, factor: { code?: string; recoveryCode?: string }) =>
  http()
    .post("/api/0/auth/login/two-factor/")
    .send({ pendingLogin, ...factor });

async function pendingLogin(): Promise<string> {
  const res = await passwordStep();
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ twoFactorRequired: true, pendingLogin: expect.stringMatching(/^fl2fa_/) });
  // The password alone opens no session.
  expect(res.headers["set-cookie"]).toBeUndefined();
  return res.body.pendingLogin as string;
}

async function enrolledAna() {
  const session = await passwordSession(server.url, "ana@example.com");
  return { session, ...(await enrolTwoFactor(server.url, session)) };
}

describe("enrolment", () => {
  it("shows a secret as text and QR code, turns on only after a right code, and never shows the secret again", async () => {
    const session = await passwordSession(server.url, "ana@example.com");
    const status = () => withSession(http().get("/api/0/users/me/two-factor/"), session);
    expect((await status()).body).toEqual({ enabled: false, dateEnabled: null, recoveryCodesLeft: 0 });

    const started = await withSession(http().post("/api/0/users/me/two-factor/enrol/"), session);
    expect(started.status).toBe(200);
    const { secret, otpauthUri } = started.body as { secret: string; otpauthUri: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toContain(`secret=${secret}`);
    const qr = await withSession(http().get("/api/0/users/me/two-factor/enrol/qr/"), session);
    expect(qr.status).toBe(200);
    expect(qr.headers["content-type"]).toBe("image/png");
    expect((qr.body as Buffer).subarray(1, 4).toString()).toBe("PNG");
    // Not on until confirmed: the password still signs in alone.
    expect((await status()).body.enabled).toBe(false);
    expect((await passwordStep()).body.user.email).toBe("ana@example.com");

    const wrong = await withSession(http().post("/api/0/users/me/two-factor/confirm/"), session).send({
      code: totpCode(secret, Date.now() - 5 * 60_000),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.detail).toMatch(/^code: wrong code/);
    const confirmed = await withSession(http().post("/api/0/users/me/two-factor/confirm/"), session).send({
      code: totpCode(secret),
    });
    expect(confirmed.status).toBe(201);
    const codes = confirmed.body.recoveryCodes as string[];
    expect(codes).toHaveLength(10);

    const after = (await status()).body;
    expect(after).toEqual({ enabled: true, dateEnabled: expect.any(String), recoveryCodesLeft: 10 });
    expect(JSON.stringify(after)).not.toContain(secret);
    expect((await withSession(http().get("/api/0/"), session)).body.user.has2fa).toBe(true);
    expect((await withSession(http().get("/api/0/users/me/two-factor/enrol/qr/"), session)).status).toBe(404);
    // A second enrolment is refused rather than replacing the authenticator silently.
    expect((await withSession(http().post("/api/0/users/me/two-factor/enrol/"), session)).status).toBe(409);
    // Recovery codes are kept hashed only.
    const row = await db.user.findUniqueOrThrow({ where: { email: "ana@example.com" } });
    expect(row.totpRecoveryHashes).toHaveLength(10);
    for (const code of codes) expect(JSON.stringify(row.totpRecoveryHashes)).not.toContain(code.replace(/-/g, ""));
  });

  it("is refused to API tokens, even with every scope, and to a session without the CSRF token", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "ana@example.com" } });
    const auth = await bearerFor(db, user.id);
    for (const path of ["enrol/", "confirm/", "recovery-codes/"]) {
      const res = await http()
        .post(`/api/0/users/me/two-factor/${path}`)
        .set("Authorization", auth)
        .send({ code: "1" });
      expect(res.status).toBe(403);
      expect(res.body.detail).toMatch(/browser session/);
    }
    expect((await http().delete("/api/0/users/me/two-factor/").set("Authorization", auth)).status).toBe(403);
    const session = await passwordSession(server.url, "ana@example.com");
    const noCsrf = await http().post("/api/0/users/me/two-factor/enrol/").set("Cookie", session.cookie);
    expect(noCsrf.status).toBe(403);
    expect((await http().post("/api/0/users/me/two-factor/enrol/")).status).toBe(401);
    // Another user's path is not found.
    const other = await withSession(http().get("/api/0/users/99/two-factor/"), session);
    expect(other.status).toBe(404);
  });
});

describe("signing in with two-factor on", () => {
  it("asks for the code after the password; a right code opens the session; a used code is refused", async () => {
    const { secret } = await enrolledAna();
    const pending = await pendingLogin();
    const wrong = await codeStep(pending, { code: totpCode(secret, Date.now() - 10 * 60_000) });
    expect(wrong.status).toBe(401);
    expect(wrong.body.detail).toBe("Invalid or already used code.");

    const code = nextCode(secret);
    const ok = await codeStep(pending, { code });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ email: "ana@example.com", has2fa: true });
    const session = sessionOf(ok);
    expect((await withSession(http().get("/api/0/"), session)).body.user.email).toBe("ana@example.com");

    // The same code again, in its window, on a fresh sign-in: refused.
    const again = await codeStep(await pendingLogin(), { code });
    expect(again.status).toBe(401);
    // The finished pending sign-in cannot open a second session.
    const replay = await codeStep(pending, { code: nextCode(secret) });
    expect(replay.status).toBe(401);
    expect(replay.body.detail).toMatch(/sign in again/);
  });

  it("accepts each recovery code once, in any case and spacing", async () => {
    const { recoveryCodes } = await enrolledAna();
    const first = recoveryCodes[0] as string;
    const typed = first.toUpperCase().replace(/-/g, " ");
    const ok = await codeStep(await pendingLogin(), { recoveryCode: typed });
    expect(ok.status).toBe(200);
    const used = await codeStep(await pendingLogin(), { recoveryCode: first });
    expect(used.status).toBe(401);
    expect(used.body.detail).toBe("Invalid or already used recovery code.");
    const session = sessionOf(ok);
    expect((await withSession(http().get("/api/0/users/me/two-factor/"), session)).body.recoveryCodesLeft).toBe(9);
  });

  it("counts wrong codes like wrong passwords: past the limit even the right code gets 429", async () => {
    const { secret } = await enrolledAna();
    const pending = await pendingLogin();
    for (let n = 0; n < 3; n++) expect((await codeStep(pending, { code: "000000" })).status).toBe(401);
    const limited = await codeStep(pending, { code: nextCode(secret) });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    // The right password again does not reset the code step's count.
    const fresh = await pendingLogin();
    expect((await codeStep(fresh, { code: nextCode(secret) })).status).toBe(429);
  });

  it("refuses a made-up pending sign-in and a body with neither or both factors", async () => {
    expect((await codeStep("fl2fa_madeup", { code: "123456" })).status).toBe(401);
    const both = await codeStep("fl2fa_madeup", { code: "123456", recoveryCode: "abcd-efgh-jkmn" });
    expect(both.status).toBe(400);
    expect(both.body.detail).toBe("code: send either code or recoveryCode");
    expect((await codeStep("fl2fa_madeup", {})).status).toBe(400);
  });
});

describe("turning two-factor off", () => {
  it("needs the current password or a code; afterwards the password alone signs in", async () => {
    const { session, secret } = await enrolledAna();
    const off = (body: object) => withSession(http().delete("/api/0/users/me/two-factor/"), session).send(body);
    expect((await off({})).status).toBe(400);
    const wrongPassword = await off({ password: "not the password" });
    expect(wrongPassword.status).toBe(400);
    expect(wrongPassword.body.detail).toBe("password: the current password is wrong");
    expect((await off({ code: "000000" })).status).toBe(400);
    expect((await off({ code: nextCode(secret) })).status).toBe(204);
    const login = await passwordStep();
    expect(login.body.user.has2fa).toBe(false);
    const row = await db.user.findUniqueOrThrow({ where: { email: "ana@example.com" } });
    expect(row).toMatchObject({ totpSecret: null, totpEnabledAt: null, totpRecoveryHashes: [] });
  });

  it("new recovery codes replace the old ones", async () => {
    const { session, recoveryCodes } = await enrolledAna();
    const res = await withSession(http().post("/api/0/users/me/two-factor/recovery-codes/"), session).send({
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(201);
    const fresh = res.body.recoveryCodes as string[];
    expect(fresh).toHaveLength(10);
    expect((await codeStep(await pendingLogin(), { recoveryCode: recoveryCodes[1] as string })).status).toBe(401);
    expect((await codeStep(await pendingLogin(), { recoveryCode: fresh[1] as string })).status).toBe(200);
  });
});
