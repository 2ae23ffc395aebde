import { createMonitorCheckInsRepo, createMonitorsRepo } from "@faultline/db";
import request from "supertest";
import { bearerFor, createTestUser, memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";

const t = useApiServer();
const MONITORS = "/api/0/organizations/acme/monitors/";
const call = (method: "get" | "post" | "put" | "delete", path: string, auth: string, body?: object) => {
  const req = request(t.server.url)[method](path).set("Authorization", auth);
  return body ? req.send(body) : req;
};
const NIGHTLY = {
  project: "checkout",
  name: "Nightly report",
  config: { schedule_type: "crontab", schedule: "0 3 * * *", checkin_margin: 5, timezone: "Europe/Vienna" },
};

describe("monitors API", () => {
  it("creates, lists, shows, updates (mute) and deletes a monitor in Sentry's shapes", async () => {
    const { auth } = await memberWithToken(t.db, "dana@example.com", "acme", "member");
    const created = await call("post", MONITORS, auth, NIGHTLY);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      slug: "nightly-report",
      name: "Nightly report",
      status: "active",
      isMuted: false,
      type: "cron_job",
      config: {
        schedule_type: "crontab",
        schedule: "0 3 * * *",
        checkin_margin: 5,
        max_runtime: 30,
        timezone: "Europe/Vienna",
        failure_issue_threshold: 1,
        recovery_threshold: 1,
      },
      project: { slug: "checkout" },
      environments: [],
    });
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);

    expect((await call("get", "/api/0/projects/acme/checkout/", auth)).body.hasMonitors).toBe(true);
    const listed = await call("get", MONITORS, auth);
    expect(listed.status).toBe(200);
    expect(listed.body.map((m: { slug: string }) => m.slug)).toEqual(["nightly-report"]);

    const muted = await call("put", `${MONITORS}nightly-report/`, auth, {
      isMuted: true,
      config: { schedule: [2, "hour"], schedule_type: "interval" },
    });
    expect(muted.status).toBe(200);
    expect(muted.body).toMatchObject({
      isMuted: true,
      // The other config keys are kept (Sentry merges).
      config: { schedule_type: "interval", schedule: [2, "hour"], checkin_margin: 5, timezone: "Europe/Vienna" },
    });
    expect((await call("get", `${MONITORS}nightly-report/`, auth)).body.isMuted).toBe(true);
    // A schedule alone brings its own type.
    const back = await call("put", `${MONITORS}nightly-report/`, auth, { config: { schedule: "30 4 * * 1" } });
    expect(back.body.config).toMatchObject({ schedule_type: "crontab", schedule: "30 4 * * 1", checkin_margin: 5 });

    expect((await call("delete", `${MONITORS}nightly-report/`, auth)).status).toBe(202);
    expect((await call("get", `${MONITORS}nightly-report/`, auth)).status).toBe(404);
  });

  it("lists check-ins newest first with durations in milliseconds and the environment's next run", async () => {
    const { auth } = await memberWithToken(t.db, "dana@example.com", "acme", "member");
    await call("post", MONITORS, auth, { ...NIGHTLY, config: { schedule: "0 3 * * *" } });
    const monitor = (await createMonitorsRepo(t.db).find(t.projectId, "nightly-report"))!;
    const checkIns = createMonitorCheckInsRepo(t.db);
    const at = new Date("2026-06-01T03:00:10Z");
    const base = { monitor, environment: "production", duration: null, release: null, monitorConfig: null };
    await checkIns.recordCheckIn({ ...base, checkInId: "a".repeat(32), status: "in_progress", at });
    await checkIns.recordCheckIn({
      ...base,
      checkInId: "a".repeat(32),
      status: "ok",
      duration: 12.5,
      at: new Date(at.getTime() + 12_500),
    });
    await checkIns.markMissed(new Date("2026-06-02T03:02:00Z"));

    const listed = await call("get", `${MONITORS}nightly-report/checkins/`, auth);
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject([
      { status: "missed", duration: null, environment: "production", expectedTime: "2026-06-02T03:00:00.000Z" },
      { status: "ok", duration: 12500, environment: "production", dateCreated: at.toISOString() },
    ]);
    const detail = await call("get", `${MONITORS}nightly-report/`, auth);
    expect(detail.body.environments).toMatchObject([
      { name: "production", status: "missed_checkin", nextCheckIn: "2026-06-03T03:00:00.000Z" },
    ]);
  });

  it("names what is wrong in a body", async () => {
    const { auth } = await memberWithToken(t.db, "dana@example.com", "acme", "member");
    const badCron = await call("post", MONITORS, auth, { ...NIGHTLY, config: { schedule: "every night" } });
    expect(badCron.status).toBe(400);
    expect(badCron.body.detail).toMatch(/^config\.schedule/);
    const badZone = await call("post", MONITORS, auth, {
      ...NIGHTLY,
      config: { schedule: "0 3 * * *", timezone: "Moon/Base" },
    });
    expect(badZone.body.detail).toMatch(/timezone/);
    const noProject = await call("post", MONITORS, auth, { ...NIGHTLY, project: "nope" });
    expect(noProject.status).toBe(400);
    expect(noProject.body.detail).toMatch(/^project/);
    expect((await call("post", MONITORS, auth, NIGHTLY)).status).toBe(201);
    const twice = await call("post", MONITORS, auth, NIGHTLY);
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toMatch(/nightly-report/);
  });

  it("viewers and read-only tokens read but do not change; other organizations see nothing", async () => {
    const { auth: member } = await memberWithToken(t.db, "dana@example.com", "acme", "member");
    expect((await call("post", MONITORS, member, NIGHTLY)).status).toBe(201);
    const { auth: viewer } = await memberWithToken(t.db, "val@example.com", "acme", "viewer");
    expect((await call("get", MONITORS, viewer)).status).toBe(200);
    expect((await call("get", `${MONITORS}nightly-report/checkins/`, viewer)).status).toBe(200);
    expect((await call("post", MONITORS, viewer, { ...NIGHTLY, name: "Other" })).status).toBe(403);
    expect((await call("put", `${MONITORS}nightly-report/`, viewer, { isMuted: true })).status).toBe(403);
    expect((await call("delete", `${MONITORS}nightly-report/`, viewer)).status).toBe(403);

    const owner = await createTestUser(t.db, "olga@example.com", { acme: "owner" });
    const readOnly = await bearerFor(t.db, owner.id, ["read"]);
    expect((await call("get", `${MONITORS}nightly-report/`, readOnly)).status).toBe(200);
    expect((await call("put", `${MONITORS}nightly-report/`, readOnly, { isMuted: true })).status).toBe(403);

    const { auth: admin } = await memberWithToken(t.db, "ada@example.com", "acme", "admin");
    expect((await call("put", `${MONITORS}nightly-report/`, admin, { name: "Renamed" })).status).toBe(200);

    const { auth: rival } = await memberWithToken(t.db, "eve@example.com", "rival", "owner");
    expect((await call("get", MONITORS, rival)).status).toBe(404);
    expect((await call("get", "/api/0/organizations/rival/monitors/", rival)).body).toEqual([]);
    expect((await call("get", "/api/0/organizations/rival/monitors/nightly-report/", rival)).status).toBe(404);
    expect((await call("delete", `${MONITORS}nightly-report/`, rival)).status).toBe(404);
    expect((await request(t.server.url).get(MONITORS)).status).toBe(401);
  });
});
