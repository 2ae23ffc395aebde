import request from "supertest";
import { memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";
import { storeTestEvent } from "../../../../test/support/events";

const t = useApiServer();

describe("GET /organizations/{org}/stats_v2/", () => {
  it("counts accepted events per day and per project", async () => {
    await storeTestEvent(t.db, t.projectId, { group: "a" });
    await storeTestEvent(t.db, t.projectId, { group: "b", timestamp: new Date(Date.now() - 3 * 86_400_000) });
    await storeTestEvent(t.db, t.rivalProjectId, { group: "c" });
    const { auth } = await memberWithToken(t.db, "viewer@example.com", "acme", "viewer");
    const res = await request(t.server.url)
      .get("/api/0/organizations/acme/stats_v2/?statsPeriod=14d&interval=1d&groupBy=outcome&field=sum(quantity)")
      .set("Authorization", auth);
    expect(res.status).toBe(200);
    expect(res.body.intervals).toHaveLength(14);
    expect(res.body.groups).toEqual([
      { by: { outcome: "accepted" }, totals: { "sum(quantity)": 2 }, series: { "sum(quantity)": expect.any(Array) } },
    ]);
    expect(res.body.groups[0].series["sum(quantity)"].at(-1)).toBe(1);
    const perProject = await request(t.server.url)
      .get("/api/0/organizations/acme/stats_v2/?groupBy=project&interval=1h&statsPeriod=24h")
      .set("Authorization", auth);
    expect(perProject.body.groups).toEqual([
      expect.objectContaining({ by: { project: t.projectId }, totals: { "sum(quantity)": 1 } }),
    ]);
    const bad = await request(t.server.url)
      .get("/api/0/organizations/acme/stats_v2/?interval=5m")
      .set("Authorization", auth);
    expect(bad.status).toBe(400);
  });
});
