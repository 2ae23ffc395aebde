import request from "supertest";
import { TEST_PASSWORD, memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";
import { storeTestEvent } from "../../../../test/support/events";

const api = useApiServer();

async function entries() {
  const rows = await api.db.auditLogEntry.findMany({ orderBy: { id: "asc" }, include: { organization: true } });
  return rows.map((row) => ({
    org: row.organization.slug,
    event: row.event,
    target: row.targetObject,
    data: row.data,
  }));
}

describe("the audit log records", () => {
  it("token creation and revocation, in every organization of the user", async () => {
    const { user, auth } = await memberWithToken(api.db, "ana@example.com", "acme", "admin");
    await api.db.organizationMember.create({
      data: {
        organizationId: (await api.db.organization.findUniqueOrThrow({ where: { slug: "rival" } })).id,
        userId: user.id,
        role: "member",
      },
    });
    const created = await request(api.server.url)
      .post("/api/0/api-tokens/")
      .set("Authorization", auth)
      .send({ name: "ci", scopes: ["read"] });
    expect(created.status).toBe(201);
    const revoked = await request(api.server.url)
      .delete(`/api/0/api-tokens/${created.body.id}/`)
      .set("Authorization", auth);
    expect(revoked.status).toBe(204);
    const log = await entries();
    expect(log.map((row) => `${row.org} ${row.event} ${row.target}`).sort()).toEqual(
      [
        `acme apitoken.create ${created.body.id}`,
        `rival apitoken.create ${created.body.id}`,
        `acme apitoken.remove ${created.body.id}`,
        `rival apitoken.remove ${created.body.id}`,
      ].sort(),
    );
    expect(log[0]?.data).toEqual({ name: "ci", scopes: ["read"] });
    expect(JSON.stringify(log)).not.toContain("flt_");
  });

  it("a password change, never the password", async () => {
    await memberWithToken(api.db, "ana@example.com", "acme", "member");
    // Passwords change from a signed-in browser session only.
    const login = await request(api.server.url)
      .post("/api/0/auth/login/")
      .send({ email: "ana@example.com", password: TEST_PASSWORD });
    const cookies = (login.headers["set-cookie"] as unknown as string[]).map((line) => line.split(";")[0]).join("; ");
    const res = await request(api.server.url)
      .put("/api/0/users/me/password/")
      .set("Cookie", cookies)
      .set("X-CSRFToken", login.body.csrfToken)
      .send({ password: TEST_PASSWORD, passwordNew: "another long passphrase" });
    expect(res.status).toBe(204);
    const log = await entries();
    expect(log).toEqual([{ org: "acme", event: "user.password-change", target: "ana@example.com", data: {} }]);
    expect(JSON.stringify(log)).not.toContain("another long passphrase");
  });

  it("alert rule creation, change and deletion", async () => {
    const { auth } = await memberWithToken(api.db, "ana@example.com", "acme", "member");
    const base = "/api/0/projects/acme/checkout/alert-rules/";
    const created = await request(api.server.url)
      .post(base)
      .set("Authorization", auth)
      .send({
        name: "New errors",
        triggers: [{ type: "first_seen" }],
        actions: [{ type: "email", targets: ["oncall@example.com"] }],
      });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    expect(
      (await request(api.server.url).put(`${base}${id}/`).set("Authorization", auth).send({ enabled: false })).status,
    ).toBe(200);
    // A refused change is not a change.
    expect(
      (await request(api.server.url).put(`${base}${id}/`).set("Authorization", auth).send({ triggers: "x" })).status,
    ).toBe(400);
    expect((await request(api.server.url).delete(`${base}${id}/`).set("Authorization", auth)).status).toBe(204);
    expect(await entries()).toEqual([
      { org: "acme", event: "alertrule.create", target: id, data: { project: "checkout" } },
      { org: "acme", event: "alertrule.edit", target: id, data: { project: "checkout" } },
      { org: "acme", event: "alertrule.remove", target: id, data: { project: "checkout" } },
    ]);
  });

  it("comments, without their text", async () => {
    const { issueId } = await storeTestEvent(api.db, api.projectId, { group: "a" });
    const { auth } = await memberWithToken(api.db, "ana@example.com", "acme", "member");
    const res = await request(api.server.url)
      .post(`/api/0/issues/${issueId}/comments/`)
      .set("Authorization", auth)
      .send({ text: "customer card 4111" });
    expect(res.status).toBe(201);
    expect(await entries()).toEqual([
      { org: "acme", event: "note.create", target: String(issueId), data: { id: res.body.id } },
    ]);
  });
});
