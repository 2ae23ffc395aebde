import type { MemberRole } from "@faultline/db";
import request from "supertest";
import { bearerFor, createTestUser, memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";

const api = useApiServer();
const ORG = "/api/0/organizations/acme/";

const put = (path: string, auth: string, body: object) =>
  request(api.server.url).put(path).set("Authorization", auth).send(body);
const del = (path: string, auth: string) => request(api.server.url).delete(path).set("Authorization", auth);

const publicKeyOf = async (projectId: number) =>
  (await api.db.projectKey.findFirstOrThrow({ where: { projectId } })).publicKey;

async function sendEvent(projectId: number, publicKey?: string) {
  return request(api.server.url)
    .post(`/api/${projectId}/envelope/`)
    .set("X-Sentry-Auth", `Sentry sentry_key=${publicKey ?? (await publicKeyOf(projectId))}, sentry_version=7`)
    .send(`{}\n{"type":"event"}\n${JSON.stringify({ message: "hello" })}\n`);
}

describe("PUT /api/0/organizations/{org}/", () => {
  it("an admin renames the organization and its slug; the old slug is gone, the audit log says so", async () => {
    const { auth } = await memberWithToken(api.db, "admin@example.com", "acme", "admin");
    const res = await put(ORG, auth, { name: "Acme Corp", slug: "acme-corp" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ slug: "acme-corp", name: "Acme Corp", orgRole: "admin" });
    const moved = await request(api.server.url).get("/api/0/organizations/acme-corp/").set("Authorization", auth);
    expect(moved.body).toMatchObject({ name: "Acme Corp" });
    expect((await request(api.server.url).get(ORG).set("Authorization", auth)).status).toBe(404);
    const log = await request(api.server.url)
      .get("/api/0/organizations/acme-corp/audit-logs/")
      .set("Authorization", auth);
    expect(log.body.rows[0]).toMatchObject({ event: "org.edit" });
    // The project's DSN names the project by id: ingest still takes its events.
    expect((await sendEvent(api.projectId)).status).toBe(200);
  });

  it("says what is wrong with a bad body, and refuses a slug another organization has", async () => {
    const { auth } = await memberWithToken(api.db, "owner@example.com", "acme", "owner");
    const bad = await put(ORG, auth, { slug: "Not A Slug" });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/^slug: lowercase letters/);
    expect((await put(ORG, auth, { name: "" })).status).toBe(400);
    const unknown = await put(ORG, auth, { colour: "red" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toMatch(/colour/);
    const taken = await put(ORG, auth, { slug: "rival" });
    expect(taken.status).toBe(409);
    expect(taken.body.detail).toBe('slug: "rival" is taken');
    // Its own slug is no conflict.
    expect((await put(ORG, auth, { slug: "acme" })).status).toBe(200);
  });

  it.each<[MemberRole, number]>([
    ["viewer", 403],
    ["member", 403],
    ["admin", 200],
    ["owner", 200],
  ])("a %s gets %i", async (role, status) => {
    const { auth } = await memberWithToken(api.db, `${role}@example.com`, "acme", role);
    expect((await put(ORG, auth, { name: "Renamed" })).status).toBe(status);
  });

  it("another organization's owner gets 404, a read-only token of an owner 403", async () => {
    const { auth: rival } = await memberWithToken(api.db, "rival@example.com", "rival", "owner");
    expect((await put(ORG, rival, { name: "Mine now" })).status).toBe(404);
    const owner = await createTestUser(api.db, "owner@example.com", { acme: "owner" });
    const readOnly = await bearerFor(api.db, owner.id, ["read", "write"]);
    const res = await put(ORG, readOnly, { name: "Renamed" });
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/admin/);
    expect((await api.db.organization.findUniqueOrThrow({ where: { slug: "acme" } })).name).toBe("acme");
  });
});

describe("DELETE /api/0/organizations/{org}/", () => {
  it("an owner deletes the organization with its projects; its DSNs are refused at once", async () => {
    const { auth } = await memberWithToken(api.db, "owner@example.com", "acme", "owner");
    // The first event puts the key in the ingest key cache.
    const publicKey = await publicKeyOf(api.projectId);
    expect((await sendEvent(api.projectId, publicKey)).status).toBe(200);
    const res = await del(ORG, auth);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ slug: "acme" });
    expect(await api.db.organization.findUnique({ where: { slug: "acme" } })).toBeNull();
    expect(await api.db.project.findUnique({ where: { id: api.projectId } })).toBeNull();
    expect((await sendEvent(api.projectId, publicKey)).status).toBeGreaterThanOrEqual(400);
    expect((await sendEvent(api.rivalProjectId)).status).toBe(200);
    const list = await request(api.server.url).get("/api/0/organizations/").set("Authorization", auth);
    expect(list.body).toEqual([]);
  });

  it.each<[MemberRole, number]>([
    ["viewer", 403],
    ["member", 403],
    ["admin", 403],
  ])("a %s gets %i and the organization stays", async (role, status) => {
    const { auth } = await memberWithToken(api.db, `${role}@example.com`, "acme", role);
    const res = await del(ORG, auth);
    expect(res.status).toBe(status);
    expect(res.body.detail).toMatch(/does not allow this/);
    expect(await api.db.organization.findUnique({ where: { slug: "acme" } })).not.toBeNull();
  });

  it("another organization's owner gets 404, a read-only token of an owner 403", async () => {
    const { auth: rival } = await memberWithToken(api.db, "rival@example.com", "rival", "owner");
    expect((await del(ORG, rival)).status).toBe(404);
    const owner = await createTestUser(api.db, "owner@example.com", { acme: "owner" });
    expect((await del(ORG, await bearerFor(api.db, owner.id, ["read"]))).status).toBe(403);
    expect(await api.db.organization.findUnique({ where: { slug: "acme" } })).not.toBeNull();
  });
});

describe("project rename keeps its DSN", () => {
  it("a new project slug leaves the keys and ingest as they were", async () => {
    const { auth } = await memberWithToken(api.db, "admin@example.com", "acme", "admin");
    const before = await request(api.server.url).get("/api/0/projects/acme/checkout/keys/").set("Authorization", auth);
    const res = await put("/api/0/projects/acme/checkout/", auth, { name: "Payments", slug: "payments" });
    expect(res.status).toBe(200);
    const after = await request(api.server.url).get("/api/0/projects/acme/payments/keys/").set("Authorization", auth);
    expect(after.body[0].dsn.public).toBe(before.body[0].dsn.public);
    expect((await sendEvent(api.projectId)).status).toBe(200);
  });
});

describe("who may change a project from its settings page", () => {
  const PROJECT = "/api/0/projects/acme/checkout/";
  async function keyPath() {
    return `${PROJECT}keys/${await publicKeyOf(api.projectId)}/`;
  }

  it.each<[MemberRole, number]>([
    ["viewer", 403],
    ["member", 403],
    ["admin", 200],
    ["owner", 200],
  ])("a %s renaming, setting retention and a key's rate limit gets %i", async (role, status) => {
    const { auth } = await memberWithToken(api.db, `${role}@example.com`, "acme", role);
    expect((await put(PROJECT, auth, { name: "Renamed", eventRetentionDays: 30 })).status).toBe(status);
    expect((await put(await keyPath(), auth, { rateLimit: { window: 3600, count: 100 } })).status).toBe(status);
  });

  it.each<[MemberRole, number]>([
    ["viewer", 403],
    ["member", 403],
    ["admin", 204],
    ["owner", 204],
  ])("a %s deleting the project gets %i", async (role, status) => {
    const { auth } = await memberWithToken(api.db, `${role}@example.com`, "acme", role);
    expect((await del(PROJECT, auth)).status).toBe(status);
    expect(await api.db.project.count({ where: { id: api.projectId } })).toBe(status === 204 ? 0 : 1);
  });

  it("another organization's owner gets 404 and a read-only token of an owner 403, for each change", async () => {
    const { auth: rival } = await memberWithToken(api.db, "rival@example.com", "rival", "owner");
    const owner = await createTestUser(api.db, "owner@example.com", { acme: "owner" });
    const readOnly = await bearerFor(api.db, owner.id, ["read"]);
    const key = await keyPath();
    for (const [auth, status] of [
      [rival, 404],
      [readOnly, 403],
    ] as const) {
      expect((await put(PROJECT, auth, { slug: "taken-over" })).status).toBe(status);
      expect((await put(key, auth, { rateLimit: null })).status).toBe(status);
      expect((await del(PROJECT, auth)).status).toBe(status);
    }
    expect(await api.db.project.findUniqueOrThrow({ where: { id: api.projectId } })).toMatchObject({
      slug: "checkout",
    });
  });

  it("says what is wrong with a bad retention or rate limit", async () => {
    const { auth } = await memberWithToken(api.db, "admin@example.com", "acme", "admin");
    const retention = await put(PROJECT, auth, { eventRetentionDays: 0 });
    expect(retention.status).toBe(400);
    expect(retention.body.detail).toMatch(/^eventRetentionDays: /);
    const limit = await put(await keyPath(), auth, { rateLimit: { window: 0, count: 5 } });
    expect(limit.status).toBe(400);
    expect(limit.body.detail).toMatch(/^rateLimit\.window: /);
  });
});
