import request from "supertest";
import { createTestUser, bearerFor, memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";
import { waitFor } from "../../../../test/support/harness";

const api = useApiServer();
const KEYS = "/api/0/projects/acme/checkout/keys/";
const PUBLIC = "0123456789abcdef0123456789abcdef";
const SECRET = "fedcba9876543210fedcba9876543210";
const SENTRY_ID = 4505123456789012;

function envelopeTo(projectId: number | string, key: string) {
  return request(api.server.url)
    .post(`/api/${projectId}/envelope/`)
    .set("X-Sentry-Auth", `Sentry sentry_key=${key}, sentry_version=7`)
    .send(`{}\n{"type":"event"}\n${JSON.stringify({ message: "adopted" })}\n`);
}

describe("POST /projects/{org}/{project}/keys/ with an existing DSN", () => {
  it("adopts the key, secret and project id for an admin; ingest answers on both ids at once", async () => {
    const { auth } = await memberWithToken(api.db, "admin@example.com", "acme", "admin");
    // A key asked for before it exists is remembered as unknown: adopting it must clear that.
    expect((await envelopeTo(SENTRY_ID, PUBLIC)).status).toBe(401);
    const res = await request(api.server.url)
      .post(KEYS)
      .set("Authorization", auth)
      .send({ name: "From Sentry", public: PUBLIC, secret: SECRET, projectId: String(SENTRY_ID) });
    expect(res.status).toBe(201);
    const host = new URL(api.server.url).host;
    expect(res.body).toMatchObject({
      id: PUBLIC,
      name: "From Sentry",
      public: PUBLIC,
      secret: SECRET,
      projectId: SENTRY_ID,
      dsn: {
        public: `http://${PUBLIC}@${host}/${SENTRY_ID}`,
        secret: `http://${PUBLIC}:${SECRET}@${host}/${SENTRY_ID}`,
      },
    });
    await waitFor(async () => (await envelopeTo(SENTRY_ID, PUBLIC)).status === 200, 5000, "the adopted DSN");
    expect((await envelopeTo(api.projectId, PUBLIC)).status).toBe(200);
    // The project's first key answers on the adopted id too: both are the project's DSN ids.
    const first = await api.db.projectKey.findFirstOrThrow({
      where: { projectId: api.projectId },
      orderBy: { id: "asc" },
    });
    await waitFor(async () => (await envelopeTo(SENTRY_ID, first.publicKey)).status === 200, 5000, "the first key");
    const listed = await request(api.server.url).get(KEYS).set("Authorization", auth);
    expect((listed.body as { projectId: number }[]).map((key) => key.projectId)).toEqual([api.projectId, SENTRY_ID]);
  });

  it("is refused to members (403) and checks what it is given (400)", async () => {
    const { auth: member } = await memberWithToken(api.db, "member@example.com", "acme", "member");
    const forbidden = await request(api.server.url).post(KEYS).set("Authorization", member).send({ public: PUBLIC });
    expect(forbidden.status).toBe(403);
    const { auth } = await memberWithToken(api.db, "admin@example.com", "acme", "admin");
    for (const body of [{ public: "not a key!" }, { public: PUBLIC, projectId: "12abc" }, { projectId: 5 }]) {
      const res = await request(api.server.url).post(KEYS).set("Authorization", auth).send(body);
      expect(res.status).toBe(400);
    }
    expect(await api.db.projectKey.count({ where: { publicKey: PUBLIC } })).toBe(0);
  });

  it("409 names the owner only to callers who can see its organization", async () => {
    const rivalKey = await api.db.projectKey.findFirstOrThrow({ where: { projectId: api.rivalProjectId } });
    const { auth } = await memberWithToken(api.db, "admin@example.com", "acme", "admin");
    const hidden = [{ public: rivalKey.publicKey }, { public: PUBLIC, projectId: api.rivalProjectId }];
    for (const body of hidden) {
      const res = await request(api.server.url).post(KEYS).set("Authorization", auth).send(body);
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/already used by another project\.$/);
      expect(res.body.detail).not.toContain("rival");
    }
    const both = await createTestUser(api.db, "both@example.com", { acme: "admin", rival: "member" });
    const seen = await request(api.server.url)
      .post(KEYS)
      .set("Authorization", await bearerFor(api.db, both.id))
      .send({ public: PUBLIC, projectId: api.rivalProjectId });
    expect(seen.status).toBe(409);
    expect(seen.body.detail).toBe(`Project id ${api.rivalProjectId} is already used by project rival/secret.`);
    expect(await api.db.projectKey.count({ where: { publicKey: PUBLIC } })).toBe(0);
  });

  it("deleting the last key that carries an adopted id gives the id up: another project may adopt it", async () => {
    const { auth } = await memberWithToken(api.db, "admin@example.com", "acme", "admin");
    const post = (body: object) => request(api.server.url).post(KEYS).set("Authorization", auth).send(body);
    expect((await post({ public: PUBLIC, projectId: SENTRY_ID })).status).toBe(201);
    expect((await post({ public: "1".repeat(32), projectId: SENTRY_ID })).status).toBe(201);
    const remove = (key: string) => request(api.server.url).delete(`${KEYS}${key}/`).set("Authorization", auth);
    // Another key still carries the id: the project keeps it.
    expect((await remove(PUBLIC)).status).toBe(204);
    expect(await api.db.projectDsnId.count({ where: { id: BigInt(SENTRY_ID) } })).toBe(1);
    expect((await remove("1".repeat(32))).status).toBe(204);
    expect(await api.db.projectDsnId.count({ where: { id: BigInt(SENTRY_ID) } })).toBe(0);
    const first = await api.db.projectKey.findFirstOrThrow({ where: { projectId: api.projectId } });
    await waitFor(async () => (await envelopeTo(SENTRY_ID, first.publicKey)).status === 403, 5000, "the id given up");
    // The project's own id is never given up.
    expect(await api.db.projectDsnId.count({ where: { id: BigInt(api.projectId) } })).toBe(1);
    const { auth: rivalAdmin } = await memberWithToken(api.db, "rival@example.com", "rival", "admin");
    const adopted = await request(api.server.url)
      .post("/api/0/projects/rival/secret/keys/")
      .set("Authorization", rivalAdmin)
      .send({ public: PUBLIC, projectId: SENTRY_ID });
    expect(adopted.status).toBe(201);
  });
});
