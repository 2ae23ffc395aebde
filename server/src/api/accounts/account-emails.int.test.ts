import { createHash } from "node:crypto";
import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import request from "supertest";
import { testNotifySettings } from "../../../../test/support/alerts";
import { TEST_PASSWORD, createTestUser, memberWithToken } from "../../../../test/support/api";
import {
  openDatabase,
  resetState,
  startTestServer,
  startTestWorker,
  waitFor,
  type TestServer,
} from "../../../../test/support/harness";
import { startSmtpReceiver, type SmtpReceiver } from "../../../../test/support/notify-receivers";

let db: Database;
let server: TestServer;
let worker: RunningWorker;
let smtp: SmtpReceiver;

beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  smtp = await startSmtpReceiver();
  server = await startTestServer(db, { api: { emailConfigured: true } });
  worker = startTestWorker(db, 2, {
    notify: testNotifySettings({ email: { smtpUrl: smtp.url, from: "Faultline <accounts@faultline.example.com>" } }),
  });
  await db.organization.create({ data: { slug: "acme", name: "Acme <Shop>" } });
});
afterEach(async () => {
  await server.close();
  await worker.close();
  await smtp.close();
});

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

function mailTo(address: string) {
  return waitFor(async () => smtp.mails.find((mail) => mail.to.includes(address)), 20_000, `an email to ${address}`);
}

function cookieOf(res: request.Response): string {
  const raw = res.headers["set-cookie"] as unknown;
  return (Array.isArray(raw) ? (raw as string[]) : []).map((line) => line.split(";")[0]).join("; ");
}

describe("invitation emails", () => {
  it("the invitation arrives over SMTP with its link (text and escaped HTML); the link creates the account", async () => {
    const admin = await memberWithToken(db, "admin@example.com", "acme", "admin");
    await db.user.update({ where: { id: admin.user.id }, data: { name: "Ana <Admin>" } });
    const res = await request(server.url)
      .post("/api/0/organizations/acme/members/")
      .set("Authorization", admin.auth)
      .send({ email: "new@example.com", orgRole: "member" });
    expect(res.status).toBe(201);
    // Emailed: the link is not in the answer.
    expect(res.body.emailed).toBe(true);
    expect(res.body.inviteLink).toBeUndefined();

    const mail = await mailTo("new@example.com");
    expect(mail.from).toBe("accounts@faultline.example.com");
    expect(mail.parsed.subject).toBe("Join Acme <Shop> on Faultline");
    expect(mail.parsed.text).toContain("Ana <Admin> invited you to join Acme <Shop> on Faultline as a member.");
    expect(mail.parsed.html).toContain("Ana &lt;Admin&gt; invited you to join Acme &lt;Shop&gt;");
    expect(mail.parsed.html).not.toContain("<Admin>");
    const link = /Accept the invitation: (\S+)/.exec(mail.parsed.text)?.[1] ?? "";
    const match = /\/accept\/(\d+)\/([0-9a-f]{64})\/$/.exec(link);
    expect(match).not.toBeNull();
    const [, id, token] = match ?? [];
    expect(id).toBe(res.body.id);
    expect((await db.memberInvite.findFirstOrThrow()).tokenHash).toBe(sha256(token ?? ""));

    const accepted = await request(server.url)
      .post(`/api/0/accept-invite/${id}/${token}/`)
      .send({ name: "New Person", password: "a long new password" });
    expect(accepted.status).toBe(200);
    const login = await request(server.url)
      .post("/api/0/auth/login/")
      .send({ email: "new@example.com", password: "a long new password" });
    expect(login.status).toBe(200);

    // A re-send is a second email with a new link.
    const second = await request(server.url)
      .post("/api/0/organizations/acme/members/")
      .set("Authorization", admin.auth)
      .send({ email: "other@example.com" });
    await request(server.url)
      .put(`/api/0/organizations/acme/members/${second.body.id}/`)
      .set("Authorization", admin.auth)
      .send({ reinvite: true });
    await waitFor(async () => smtp.mails.filter((m) => m.to.includes("other@example.com")).length === 2, 20_000);
    const [firstMail, secondMail] = smtp.mails.filter((m) => m.to.includes("other@example.com"));
    expect(firstMail?.parsed.text).not.toBe(secondMail?.parsed.text);
  });
});

describe("password reset", () => {
  it("emails a one-hour single-use link; the new password works, the old one and every session do not", async () => {
    await createTestUser(db, "ana@example.com");
    const before = await request(server.url)
      .post("/api/0/auth/login/")
      .send({ email: "ana@example.com", password: TEST_PASSWORD });
    const oldSession = cookieOf(before);
    expect((await request(server.url).get("/api/0/").set("Cookie", oldSession)).body.user).not.toBeNull();

    const asked = await request(server.url).post("/api/0/auth/password-reset/").send({ email: "Ana@Example.com" });
    const unknown = await request(server.url).post("/api/0/auth/password-reset/").send({ email: "nobody@example.com" });
    expect([asked.status, unknown.status]).toEqual([202, 202]);
    expect(asked.body).toEqual(unknown.body);

    const mail = await mailTo("ana@example.com");
    expect(mail.parsed.subject).toBe("Reset your Faultline password");
    const token = /\/reset-password\/([0-9a-f]{64})\//.exec(mail.parsed.text)?.[1] ?? "";
    expect(token).not.toBe("");
    const row = await db.passwordReset.findFirstOrThrow();
    expect(row.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const minutes = (row.expiresAt.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(59);
    expect(minutes).toBeLessThanOrEqual(60);

    const weak = await request(server.url)
      .post("/api/0/auth/password-reset/confirm/")
      .send({ token, password: "12345678" });
    expect(weak.status).toBe(400);
    expect(weak.body.detail).toMatch(/^password: /);

    const reset = await request(server.url)
      .post("/api/0/auth/password-reset/confirm/")
      .send({ token, password: "a brand new password" });
    expect(reset.status).toBe(200);
    expect((await request(server.url).get("/api/0/").set("Cookie", oldSession)).body.user).toBeNull();
    const oldPassword = await request(server.url)
      .post("/api/0/auth/login/")
      .send({ email: "ana@example.com", password: TEST_PASSWORD });
    expect(oldPassword.status).toBe(401);
    const newPassword = await request(server.url)
      .post("/api/0/auth/login/")
      .send({ email: "ana@example.com", password: "a brand new password" });
    expect(newPassword.status).toBe(200);

    const again = await request(server.url)
      .post("/api/0/auth/password-reset/confirm/")
      .send({ token, password: "yet another password" });
    expect(again.status).toBe(400);
    expect(again.body.detail).toMatch(/^token: /);
    // Nobody was emailed for the unknown address.
    expect(smtp.mails.filter((m) => m.to.includes("nobody@example.com"))).toEqual([]);
  });

  it("an expired link is refused", async () => {
    await createTestUser(db, "ana@example.com");
    await request(server.url).post("/api/0/auth/password-reset/").send({ email: "ana@example.com" });
    const mail = await mailTo("ana@example.com");
    const token = /\/reset-password\/([0-9a-f]{64})\//.exec(mail.parsed.text)?.[1] ?? "";
    await db.passwordReset.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await request(server.url)
      .post("/api/0/auth/password-reset/confirm/")
      .send({ token, password: "a brand new password" });
    expect(res.status).toBe(400);
    const login = await request(server.url)
      .post("/api/0/auth/login/")
      .send({ email: "ana@example.com", password: TEST_PASSWORD });
    expect(login.status).toBe(200);
  });

  it("is rate limited per email and per address, known or unknown email alike", async () => {
    await createTestUser(db, "ana@example.com");
    const ask = (email: string) => request(server.url).post("/api/0/auth/password-reset/").send({ email });
    for (let n = 0; n < 5; n++) expect((await ask("ana@example.com")).status).toBe(202);
    const limited = await ask("ana@example.com");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    // The same address has used up its requests too, whatever the email.
    expect((await ask("nobody@example.com")).status).toBe(429);
    expect((await request(server.url).post("/api/0/auth/password-reset/").send({ email: "x" })).status).toBe(400);
  });
});
