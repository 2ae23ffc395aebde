import request from "supertest";
import { memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";

const api = useApiServer();
const RULES = "/api/0/projects/acme/checkout/alert-rules/";
const rule = {
  name: "New errors to on-call",
  triggers: [{ type: "first_seen" }],
  actions: [{ type: "email", targets: ["oncall@example.com"] }],
};

describe("alert rules through the web API", () => {
  it("creates, lists, reads and deletes a project's rules with a token", async () => {
    const { auth } = await memberWithToken(api.db, "dev@example.com", "acme", "member");
    const created = await request(api.server.url).post(RULES).set("Authorization", auth).send(rule);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "New errors to on-call", enabled: true, triggerMatch: "any" });
    const listed = await request(api.server.url).get(RULES).set("Authorization", auth);
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(1);
    await request(api.server.url).get(`${RULES}${created.body.id}/`).set("Authorization", auth).expect(200);
    await request(api.server.url).delete(`${RULES}${created.body.id}/`).set("Authorization", auth).expect(204);
    await request(api.server.url)
      .get("/api/0/projects/acme/checkout/notifications/")
      .set("Authorization", auth)
      .expect(200);
  });

  it("answers an invalid rule with 400 naming the field", async () => {
    const { auth } = await memberWithToken(api.db, "dev@example.com", "acme", "member");
    const res = await request(api.server.url)
      .post(RULES)
      .set("Authorization", auth)
      .send({ ...rule, triggers: [{ type: "event_frequency", value: 100, interval: "7 days-ish" }] });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/triggers\[0\]\.interval/);
  });

  it("keeps other organizations' rules out of reach and viewers read-only", async () => {
    const outsider = await memberWithToken(api.db, "spy@example.com", "rival", "owner");
    await request(api.server.url).get(RULES).set("Authorization", outsider.auth).expect(404);
    const viewer = await memberWithToken(api.db, "viewer@example.com", "acme", "viewer");
    await request(api.server.url).get(RULES).set("Authorization", viewer.auth).expect(200);
    await request(api.server.url).post(RULES).set("Authorization", viewer.auth).send(rule).expect(403);
    await request(api.server.url).get(RULES).expect(401);
  });
});
