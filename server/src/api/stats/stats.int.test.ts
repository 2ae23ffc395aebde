import request from "supertest";
import { memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";

const t = useApiServer();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const STATS = "/api/0/organizations/acme/stats_v2/";

/** The start of the hour `hoursAgo` hours back, as ingest's outcome counters store it. */
const hour = (hoursAgo: number) => new Date(Math.floor(Date.now() / HOUR) * HOUR - hoursAgo * HOUR);

async function seedOutcomes() {
  const row = (
    projectId: number,
    hoursAgo: number,
    outcome: string,
    quantity: number,
    reason = "",
    category = "error",
  ) => ({ projectId, hour: hour(hoursAgo), outcome, category, reason, quantity: BigInt(quantity) }) as const;
  await t.db.outcome.createMany({
    data: [
      row(t.projectId, 0, "accepted", 5),
      row(t.projectId, 3 * 24, "accepted", 2),
      row(t.projectId, 0, "filtered", 1, "sample_rate"),
      row(t.projectId, 1, "rate_limited", 4, "key_quota"),
      row(t.projectId, 2, "rate_limited", 3, "quota_exceeded"),
      row(t.projectId, 0, "invalid", 2, "invalid_json"),
      row(t.projectId, 0, "client_discarded", 6, "ratelimit_backoff"),
      row(t.projectId, 0, "accepted", 9, "", "transaction"),
      // Older than any period asked for below, and another organization's project.
      row(t.projectId, 40 * 24, "accepted", 100),
      row(t.rivalProjectId, 0, "accepted", 50),
    ],
  });
}

const get = (auth: string, query: string) => request(t.server.url).get(`${STATS}?${query}`).set("Authorization", auth);
const totals = (groups: { by: Record<string, unknown>; totals: { "sum(quantity)": number } }[]) =>
  groups.map((group) => [group.by, group.totals["sum(quantity)"]]);

describe("GET /organizations/{org}/stats_v2/", () => {
  it("answers every outcome per interval from the outcome counters", async () => {
    await seedOutcomes();
    const { auth } = await memberWithToken(t.db, "viewer@example.com", "acme", "viewer");
    const res = await get(auth, "statsPeriod=14d&interval=1d&groupBy=outcome&field=sum(quantity)&category=error");
    expect(res.status).toBe(200);
    expect(res.body.intervals).toHaveLength(14);
    expect(Date.parse(res.body.end) - Date.parse(res.body.start)).toBe(14 * DAY);
    expect(totals(res.body.groups)).toEqual([
      [{ outcome: "accepted" }, 7],
      [{ outcome: "rate_limited" }, 7],
      [{ outcome: "client_discard" }, 6],
      [{ outcome: "invalid" }, 2],
      [{ outcome: "filtered" }, 1],
    ]);
    const accepted = res.body.groups[0].series["sum(quantity)"] as number[];
    expect(accepted.reduce((sum, n) => sum + n, 0)).toBe(7);
    expect(accepted.filter((n) => n > 0).length).toBe(2);
  });

  it("groups by reason, category and project, and filters by outcome and project", async () => {
    await seedOutcomes();
    const { auth } = await memberWithToken(t.db, "viewer@example.com", "acme", "viewer");
    const reasons = await get(auth, "statsPeriod=24h&interval=1h&groupBy=outcome&groupBy=reason&outcome=rate_limited");
    expect(reasons.body.intervals).toHaveLength(24);
    expect(totals(reasons.body.groups)).toEqual([
      [{ outcome: "rate_limited", reason: "key_quota" }, 4],
      [{ outcome: "rate_limited", reason: "quota_exceeded" }, 3],
    ]);
    const series = reasons.body.groups[0].series["sum(quantity)"] as number[];
    expect(series.at(-2)).toBe(4);

    const categories = await get(auth, "statsPeriod=24h&interval=1h&groupBy=category&outcome=accepted");
    expect(totals(categories.body.groups)).toEqual([
      [{ category: "transaction" }, 9],
      [{ category: "error" }, 5],
    ]);

    const projects = await get(auth, `statsPeriod=24h&interval=1h&groupBy=project&project=${t.projectId}`);
    expect(totals(projects.body.groups)).toEqual([[{ project: t.projectId }, 30]]);
    // Another organization's project id matches nothing; it is not an error.
    const rival = await get(auth, `statsPeriod=24h&groupBy=project&project=${t.rivalProjectId}&interval=1h`);
    expect(rival.body.groups).toEqual([]);
    const total = await get(auth, "statsPeriod=90d&interval=1d");
    expect(totals(total.body.groups)).toEqual([[{}, 132]]);
  });

  it.each([
    ["interval=5m", /^interval/],
    ["statsPeriod=1y", /^statsPeriod/],
    ["statsPeriod=91d", /^statsPeriod/],
    ["groupBy=release", /^groupBy: "release"/],
    ["outcome=dropped", /^outcome: "dropped"/],
    ["field=sum(times_seen)", /^field/],
    ["project=checkout", /^project/],
  ])("refuses %s with a 400 naming the parameter", async (query, detail) => {
    const { auth } = await memberWithToken(t.db, "viewer@example.com", "acme", "viewer");
    const res = await get(auth, query);
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(detail);
  });

  it("is 404 for an organization the caller is not in", async () => {
    const { auth } = await memberWithToken(t.db, "viewer@example.com", "acme", "viewer");
    const res = await request(t.server.url).get("/api/0/organizations/rival/stats_v2/").set("Authorization", auth);
    expect(res.status).toBe(404);
  });
});
