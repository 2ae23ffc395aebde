import request from "supertest";
import { memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";

const t = useApiServer();

async function issue(projectId: number, shortId: number, title: string, firstRelease: string | null, lastSeen: Date) {
  await t.db.issue.create({
    data: {
      projectId,
      shortId,
      primaryHash: String(shortId).repeat(32).slice(0, 32),
      title,
      firstSeen: lastSeen,
      lastSeen,
      firstRelease,
      timesSeen: shortId * 10,
    },
  });
}

async function bundle(organizationId: number, projectId: number, bundleId: string, release: string, createdAt: Date) {
  await t.db.artifactBundle.create({
    data: {
      organizationId,
      bundleId,
      checksum: bundleId,
      release,
      dist: "",
      fileCount: 3,
      size: 1024,
      createdAt,
      projects: { create: { projectId } },
    },
  });
}

describe("release detail lists", () => {
  it("lists the issues first seen in a release to a viewer, most recently seen first, a page at a time", async () => {
    await issue(t.projectId, 1, "Old bug", "shop@1.0", new Date("2026-11-20T10:00:00Z"));
    await issue(t.projectId, 2, "New bug", "shop@2.0", new Date("2026-11-21T10:00:00Z"));
    await issue(t.projectId, 3, "Newer bug", "shop@2.0", new Date("2026-11-22T10:00:00Z"));
    await issue(t.rivalProjectId, 1, "Their bug", "shop@2.0", new Date("2026-11-22T10:00:00Z"));
    const { auth } = await memberWithToken(t.db, "viewer@example.com", "acme", "viewer");
    const first = await request(t.server.url)
      .get("/api/0/projects/acme/checkout/releases/shop@2.0/new-issues/?per_page=1")
      .set("Authorization", auth);
    expect(first.status).toBe(200);
    expect(first.body).toEqual([
      expect.objectContaining({ title: "Newer bug", shortId: "CHECKOUT-3", count: "30", status: "unresolved" }),
    ]);
    const next = /<([^>]+)>; rel="next"; results="true"/.exec(String(first.headers.link))?.[1];
    expect(next).toBeDefined();
    const second = await request(next!).get("").set("Authorization", auth);
    expect(second.body.map((row: { title: string }) => row.title)).toEqual(["New bug"]);
    expect(String(second.headers.link)).toContain('rel="next"; results="false"');
  });

  it("lists the project's artifact bundles, filtered by release", async () => {
    const project = await t.db.project.findUniqueOrThrow({ where: { id: t.projectId } });
    const rival = await t.db.project.findUniqueOrThrow({ where: { id: t.rivalProjectId } });
    await bundle(project.organizationId, t.projectId, "b-one", "shop@1.0", new Date("2026-11-20T10:00:00Z"));
    await bundle(project.organizationId, t.projectId, "b-two", "shop@2.0", new Date("2026-11-21T10:00:00Z"));
    await bundle(rival.organizationId, t.rivalProjectId, "b-secret", "shop@2.0", new Date("2026-11-21T10:00:00Z"));
    const { auth } = await memberWithToken(t.db, "viewer@example.com", "acme", "viewer");
    const all = await request(t.server.url)
      .get("/api/0/projects/acme/checkout/files/artifact-bundles/")
      .set("Authorization", auth);
    expect(all.status).toBe(200);
    expect(all.body.map((row: { bundleId: string }) => row.bundleId)).toEqual(["b-two", "b-one"]);
    const one = await request(t.server.url)
      .get("/api/0/projects/acme/checkout/files/artifact-bundles/?query=shop@2.0")
      .set("Authorization", auth);
    expect(one.body).toEqual([
      {
        bundleId: "b-two",
        date: "2026-11-21T10:00:00.000Z",
        dateModified: "2026-11-21T10:00:00.000Z",
        fileCount: 3,
        size: 1024,
        associations: [{ release: "shop@2.0", dist: null }],
      },
    ]);
  });

  it("is 404 for another organization's project, on both lists", async () => {
    const { auth } = await memberWithToken(t.db, "viewer@example.com", "acme", "viewer");
    for (const path of [
      "/api/0/projects/rival/secret/releases/shop@2.0/new-issues/",
      "/api/0/projects/rival/secret/files/artifact-bundles/",
    ]) {
      const res = await request(t.server.url).get(path).set("Authorization", auth);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ detail: expect.any(String) });
    }
  });
});
