import request from "supertest";
import { memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";

const t = useApiServer();

describe("releases API", () => {
  it("lists created and event-only releases with new issues, deploys and crash-free sessions per environment", async () => {
    const { auth } = await memberWithToken(t.db, "dev@example.com", "acme", "member");
    const hour = new Date("2026-11-20T10:00:00Z");
    await t.db.projectRelease.create({
      data: { projectId: t.projectId, version: "seen@1", firstSeen: hour, lastSeen: hour, eventCount: 3 },
    });
    await t.db.sessionStat.createMany({
      data: [
        { projectId: t.projectId, bucket: hour, release: "seen@1", environment: "production", total: 200, crashed: 2 },
        { projectId: t.projectId, bucket: hour, release: "seen@1", environment: "staging", total: 50, crashed: 5 },
      ],
    });
    // u3 is in both environments: counted once across them.
    await t.db.sessionUser.createMany({
      data: [
        ["production", "u1", true],
        ["production", "u2", false],
        ["production", "u3", false],
        ["staging", "u3", false],
        ["staging", "u4", true],
      ].map(([environment, did, crashed]) => ({
        projectId: t.projectId,
        release: "seen@1",
        environment: environment as string,
        did: did as string,
        crashed: crashed as boolean,
      })),
    });
    await t.db.issue.create({
      data: {
        projectId: t.projectId,
        shortId: 1,
        primaryHash: "a".repeat(32),
        title: "E",
        firstSeen: hour,
        lastSeen: hour,
        firstRelease: "seen@1",
      },
    });
    const created = await request(t.server.url)
      .post("/api/0/organizations/acme/releases/")
      .set("Authorization", auth)
      .send({ version: "made@2", projects: ["checkout"] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: "made@2", dateReleased: null, projects: [{ slug: "checkout" }] });
    const again = await request(t.server.url)
      .post("/api/0/organizations/acme/releases/")
      .set("Authorization", auth)
      .send({ version: "made@2", projects: ["checkout"] });
    expect(again.status).toBe(208);
    const deploy = await request(t.server.url)
      .post("/api/0/organizations/acme/releases/made@2/deploys/")
      .set("Authorization", auth)
      .send({ environment: "production" });
    expect(deploy.status).toBe(201);

    const list = await request(t.server.url)
      .get("/api/0/projects/acme/checkout/releases/?health=1")
      .set("Authorization", auth);
    expect(list.status).toBe(200);
    expect(list.body.map((release: { version: string }) => release.version)).toEqual(["made@2", "seen@1"]);
    expect(list.body[0]).toMatchObject({ deployCount: 1, lastDeploy: { environment: "production" } });
    const seen = list.body[1];
    expect(seen).toMatchObject({ id: null, newGroups: 1, firstEvent: hour.toISOString() });
    expect(seen.projects[0].healthData).toMatchObject({
      crashFreeSessions: 97.2,
      totalSessions: 250,
      crashFreeUsers: 50,
      totalUsers: 4,
      environments: {
        production: { crashFreeSessions: 99, totalSessions: 200, crashFreeUsers: 66.667, totalUsers: 3 },
        staging: { crashFreeSessions: 90, crashFreeUsers: 50, totalUsers: 2 },
      },
    });
    const staging = await request(t.server.url)
      .get("/api/0/projects/acme/checkout/releases/seen@1/?health=1&environment=staging")
      .set("Authorization", auth);
    expect(staging.body.projects[0].healthData).toMatchObject({
      crashFreeSessions: 90,
      crashFreeUsers: 50,
      totalUsers: 2,
    });
  });

  it("refuses bad bodies, viewers' writes and other organizations' releases", async () => {
    const { auth } = await memberWithToken(t.db, "dev@example.com", "acme", "member");
    const viewer = await memberWithToken(t.db, "viewer@example.com", "acme", "viewer");
    const rival = await memberWithToken(t.db, "rival@example.com", "rival", "owner");
    const bad = await request(t.server.url)
      .post("/api/0/organizations/acme/releases/")
      .set("Authorization", auth)
      .send({});
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/^version/);
    const unknownProject = await request(t.server.url)
      .post("/api/0/organizations/acme/releases/")
      .set("Authorization", auth)
      .send({ version: "x@1", projects: ["secret"] });
    expect(unknownProject.status).toBe(400);
    const denied = await request(t.server.url)
      .post("/api/0/organizations/acme/releases/")
      .set("Authorization", viewer.auth)
      .send({ version: "x@1" });
    expect(denied.status).toBe(403);
    await request(t.server.url)
      .post("/api/0/organizations/acme/releases/")
      .set("Authorization", auth)
      .send({ version: "x@1" });
    const hidden = await request(t.server.url)
      .get("/api/0/organizations/acme/releases/x@1/")
      .set("Authorization", rival.auth);
    expect(hidden.status).toBe(404);
    const chunks = await request(t.server.url)
      .get("/api/0/organizations/acme/chunk-upload/")
      .set("Authorization", rival.auth);
    expect(chunks.status).toBe(404);
    const options = await request(t.server.url)
      .get("/api/0/organizations/acme/chunk-upload/")
      .set("Authorization", auth);
    expect(options.body).toMatchObject({
      hashAlgorithm: "sha1",
      compression: ["gzip"],
      accept: expect.arrayContaining(["artifact_bundles"]),
    });
    const assemble = await request(t.server.url)
      .post("/api/0/organizations/acme/artifactbundle/assemble/")
      .set("Authorization", auth)
      .send({ checksum: "f".repeat(40), chunks: ["f".repeat(40)], projects: ["checkout"] });
    expect(assemble.body).toEqual({ state: "not_found", missingChunks: ["f".repeat(40)] });
    const badChecksum = await request(t.server.url)
      .post("/api/0/organizations/acme/artifactbundle/assemble/")
      .set("Authorization", auth)
      .send({ checksum: "../etc", chunks: [], projects: ["checkout"] });
    expect(badChecksum.status).toBe(400);
  });
});
