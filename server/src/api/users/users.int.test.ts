import request from "supertest";
import { memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";
import { storeTestEvent } from "../../../../test/support/events";

const t = useApiServer();
const get = (path: string, auth: string) => request(t.server.url).get(path).set("Authorization", auth);

describe("users affected", () => {
  it("finds a user by email or id and shows their issues and events per day", async () => {
    const card = await storeTestEvent(t.db, t.projectId, { group: "card", user: { email: "ana@shop.example" } });
    await storeTestEvent(t.db, t.projectId, { group: "card", user: { email: "ana@shop.example" } });
    const cart = await storeTestEvent(t.db, t.projectId, { group: "cart", user: { email: "ana@shop.example" } });
    await storeTestEvent(t.db, t.projectId, { group: "card", user: { id: "42" } });
    await storeTestEvent(t.db, t.rivalProjectId, { group: "x", user: { email: "ana@shop.example" } });
    const { auth } = await memberWithToken(t.db, "support@example.com", "acme", "viewer");

    const all = await get("/api/0/projects/acme/checkout/users/", auth);
    expect(all.body.map((user: { tagValue: string }) => user.tagValue).sort()).toEqual([
      "email:ana@shop.example",
      "id:42",
    ]);
    const byEmail = await get(
      `/api/0/projects/acme/checkout/users/?query=${encodeURIComponent("email:ana@shop.example")}`,
      auth,
    );
    expect(byEmail.body).toEqual([
      expect.objectContaining({ tagValue: "email:ana@shop.example", email: "ana@shop.example", issueCount: 2 }),
    ]);
    const partial = await get("/api/0/projects/acme/checkout/users/?query=shop.ex", auth);
    expect(partial.body).toHaveLength(1);

    const detail = await get(
      `/api/0/projects/acme/checkout/users/${encodeURIComponent("email:ana@shop.example")}/`,
      auth,
    );
    expect(detail.status).toBe(200);
    expect(detail.body.issues.map((issue: { id: string }) => issue.id).sort()).toEqual(
      [String(card.issueId), String(cart.issueId)].sort(),
    );
    const total = detail.body.events["14d"].reduce((sum: number, [, n]: [number, number]) => sum + n, 0);
    expect(total).toBe(3);
    const cardIssue = detail.body.issues.find((issue: { id: string }) => issue.id === String(card.issueId));
    expect(cardIssue.userEvents["14d"].reduce((sum: number, [, n]: [number, number]) => sum + n, 0)).toBe(2);
    expect((await get(`/api/0/projects/acme/checkout/users/${encodeURIComponent("id:nobody")}/`, auth)).status).toBe(
      404,
    );
    expect((await get("/api/0/projects/rival/secret/users/", auth)).status).toBe(404);
  });
});
