import request from "supertest";
import { memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";

const api = useApiServer();
const PREVIEW = "/api/0/projects/acme/checkout/scrubbing-preview/";
const event = {
  message: "checkout failed",
  extra: { password: "hunter2", order_ref: "A-77", card: "4111 1111 1111 1111" },
  user: { email: "alice@example.com", ip_address: "203.0.113.7" },
};

describe("scrubbing preview", () => {
  it("applies the project's saved settings to an event without storing anything", async () => {
    const { auth } = await memberWithToken(api.db, "dev@example.com", "acme", "viewer");
    const res = await request(api.server.url).post(PREVIEW).set("Authorization", auth).send({ event });
    expect(res.status).toBe(200);
    expect(res.body.event.extra).toEqual({ password: "[Filtered]", order_ref: "A-77", card: "[Filtered]" });
    expect(res.body.event.user.ip_address).toBe("203.0.113.7");
    expect(await api.db.event.count()).toBe(0);
  });

  it("tries settings before they are saved", async () => {
    const { auth } = await memberWithToken(api.db, "dev@example.com", "acme", "member");
    const res = await request(api.server.url)
      .post(PREVIEW)
      .set("Authorization", auth)
      .send({ event, settings: { sensitiveFields: ["order_ref"], safeFields: ["password"], scrubIPAddresses: true } });
    expect(res.status).toBe(200);
    expect(res.body.event.extra).toMatchObject({ password: "hunter2", order_ref: "[Filtered]" });
    expect(res.body.event.user.ip_address).toBeUndefined();
  });

  it("refuses a body without an event, and other organizations' projects", async () => {
    const { auth } = await memberWithToken(api.db, "dev@example.com", "acme", "member");
    const bad = await request(api.server.url).post(PREVIEW).set("Authorization", auth).send({ events: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/event/);
    const rival = await request(api.server.url)
      .post("/api/0/projects/rival/secret/scrubbing-preview/")
      .set("Authorization", auth)
      .send({ event });
    expect(rival.status).toBe(404);
  });
});
