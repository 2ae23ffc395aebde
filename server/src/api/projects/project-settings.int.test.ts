import request from "supertest";
import { memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";

const api = useApiServer();
const PROJECT = "/api/0/projects/acme/checkout/";

async function sendEvent(message: string) {
  const key = await api.db.projectKey.findFirstOrThrow({ where: { projectId: api.projectId } });
  return request(api.server.url)
    .post(`/api/${api.projectId}/envelope/`)
    .set("X-Sentry-Auth", `Sentry sentry_key=${key.publicKey}, sentry_version=7`)
    .send(`{}\n{"type":"event"}\n${JSON.stringify({ message })}\n`);
}

describe("project settings: scrubEmails, quota, retention, per-issue cap", () => {
  it("saves and serializes the Faultline settings, and logs them", async () => {
    const { auth } = await memberWithToken(api.db, "admin@example.com", "acme", "admin");
    const before = await request(api.server.url).get(PROJECT).set("Authorization", auth);
    expect(before.body).toMatchObject({
      scrubEmails: false,
      eventQuota: null,
      eventRetentionDays: null,
      maxEventsPerIssue: null,
    });
    const res = await request(api.server.url)
      .put(PROJECT)
      .set("Authorization", auth)
      .send({
        scrubEmails: true,
        eventQuota: { window: 3600, count: 500 },
        eventRetentionDays: 30,
        maxEventsPerIssue: 200,
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      scrubEmails: true,
      eventQuota: { window: 3600, count: 500 },
      eventRetentionDays: 30,
      maxEventsPerIssue: 200,
    });
    const row = await api.db.project.findUniqueOrThrow({ where: { id: api.projectId } });
    expect(row).toMatchObject({
      scrubEmails: true,
      eventQuota: 500,
      eventQuotaWindowSeconds: 3600,
      eventRetentionDays: 30,
      maxEventsPerIssue: 200,
    });
    const entry = await api.db.auditLogEntry.findFirstOrThrow({ where: { event: "project.edit" } });
    expect(entry.data).toMatchObject({
      changed: ["scrubEmails", "eventQuota", "eventRetentionDays", "maxEventsPerIssue"],
      eventQuota: { window: 3600, count: 500 },
      eventRetentionDays: 30,
      maxEventsPerIssue: 200,
    });

    const cleared = await request(api.server.url)
      .put(PROJECT)
      .set("Authorization", auth)
      .send({ eventQuota: null, eventRetentionDays: null, maxEventsPerIssue: null });
    expect(cleared.body).toMatchObject({ eventQuota: null, eventRetentionDays: null, maxEventsPerIssue: null });
    expect(await api.db.project.findUniqueOrThrow({ where: { id: api.projectId } })).toMatchObject({
      eventQuota: null,
      eventQuotaWindowSeconds: null,
    });
  });

  it.each([
    [{ eventQuota: { window: 0, count: 5 } }, /^eventQuota\.window/],
    [{ eventQuota: { count: 5 } }, /^eventQuota\.window/],
    [{ eventQuota: 100 }, /^eventQuota/],
    [{ eventRetentionDays: 0 }, /^eventRetentionDays/],
    [{ eventRetentionDays: 1.5 }, /^eventRetentionDays/],
    [{ maxEventsPerIssue: -1 }, /^maxEventsPerIssue/],
    [{ scrubEmails: "yes" }, /^scrubEmails/],
  ])("refuses %j with a 400 naming the field", async (body, detail) => {
    const { auth } = await memberWithToken(api.db, "admin@example.com", "acme", "admin");
    const res = await request(api.server.url).put(PROJECT).set("Authorization", auth).send(body);
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(detail);
  });

  it("refuses fingerprint rules that do not parse, naming each bad line, and keeps the saved ones", async () => {
    const { auth } = await memberWithToken(api.db, "admin@example.com", "acme", "admin");
    const good = "error.type:DatabaseUnavailable -> database-unavailable";
    expect(
      (await request(api.server.url).put(PROJECT).set("Authorization", auth).send({ fingerprintingRules: good }))
        .status,
    ).toBe(200);
    const res = await request(api.server.url)
      .put(PROJECT)
      .set("Authorization", auth)
      .send({ fingerprintingRules: `error.type:Foo\n${good}\na:b -> c -> d` });
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe(
      'fingerprintingRules: line 1: expected "->" followed by the fingerprint\nline 3: "->" appears twice',
    );
    const row = await api.db.project.findUniqueOrThrow({ where: { id: api.projectId } });
    expect(row.fingerprintingRules).toBe(good);
  });

  it("leaves the limits to admins", async () => {
    const { auth } = await memberWithToken(api.db, "dev@example.com", "acme", "member");
    const res = await request(api.server.url).put(PROJECT).set("Authorization", auth).send({ eventRetentionDays: 7 });
    expect(res.status).toBe(403);
  });

  it("applies a new quota to ingest at once, though the key was cached with the old one", async () => {
    const { auth } = await memberWithToken(api.db, "admin@example.com", "acme", "admin");
    // The first event puts the key (and its project's quota: none) in the ingest key cache.
    expect((await sendEvent("before")).status).toBe(200);
    const put = await request(api.server.url)
      .put(PROJECT)
      .set("Authorization", auth)
      .send({ eventQuota: { window: 3600, count: 0 } });
    expect(put.status).toBe(200);
    const limited = await sendEvent("after");
    expect(limited.status).toBe(429);
    expect(limited.headers["x-sentry-rate-limits"]).toMatch(/:project:quota_exceeded$/);
  });
});
