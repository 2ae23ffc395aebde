import request from "supertest";
import { memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";
import { storeTestEvent } from "../../../../test/support/events";
import { sentryExample, shapeDifferences, type ShapeOptions } from "../../../../test/support/sentry-shape";

const t = useApiServer();

// Sentry's own colour for the slug "checkout" (get_hashed_color, computed with Python's colorsys).
const CHECKOUT_COLOR = "#bf853f";
// Sentry gives objects Faultline does not have (repository integrations, plugins, project
// options it keeps elsewhere): their type is compared, not their fields.
const PROJECT_OPTIONS: ShapeOptions = {
  opaque: ["options", "plugins", "organization.avatar", "dynamicSamplingBiases"],
  // Crash reports and secondary grouping are not Faultline features; Sentry's default
  // environment is unset unless chosen.
  nullable: ["storeCrashReports", "secondaryGroupingConfig", "defaultEnvironment", "platform"],
};

async function get(path: string, auth: string) {
  return request(t.server.url).get(path).set("Authorization", auth);
}

async function withEvents() {
  const { user, auth } = await memberWithToken(t.db, "dev@example.com", "acme", "member");
  const first = new Date("2026-11-01T09:00:00.000Z");
  await storeTestEvent(t.db, t.projectId, { timestamp: first, environment: "production", release: "shop@1.0.0" });
  await storeTestEvent(t.db, t.projectId, {
    group: "other",
    timestamp: new Date("2026-11-02T09:00:00.000Z"),
    environment: "staging",
    release: "shop@1.1.0",
  });
  await t.db.userFeedback.create({
    data: { projectId: t.projectId, feedbackId: "0b5e0c8c-2f4c-4b8f-9d39-1b1a9f0e6e01", source: "user_report" },
  });
  await t.db.sessionStat.create({
    data: { projectId: t.projectId, bucket: first, release: "shop@1.0.0", total: 3 },
  });
  return { user, auth, first };
}

describe("projects in Sentry's shape", () => {
  it("the project detail has Sentry's fields, with its first event, platforms, environments and latest release", async () => {
    const { auth, first } = await withEvents();
    const res = await get("/api/0/projects/acme/checkout/", auth);
    expect(res.status).toBe(200);
    expect(shapeDifferences(sentryExample("project-detail.json"), res.body, PROJECT_OPTIONS)).toEqual([]);
    const acmeTeam = await t.db.team.findFirstOrThrow({ where: { organization: { slug: "acme" } } });
    const team = { id: String(acmeTeam.id), slug: "acme", name: "acme" };
    expect(res.body).toMatchObject({
      firstEvent: first.toISOString(),
      platforms: ["node"],
      environments: ["production", "staging"],
      latestRelease: { version: "shop@1.1.0" },
      hasUserReports: true,
      hasSessions: true,
      hasMinifiedStackTrace: false,
      isPublic: false,
      color: CHECKOUT_COLOR,
      team,
      teams: [team],
      organization: { slug: "acme", links: { organizationUrl: t.server.url, regionUrl: t.server.url } },
    });
    expect(res.body.access).toEqual(expect.arrayContaining(["project:read", "event:write"]));
    expect(res.body.access).not.toContain("project:admin");
  });

  it("a project without events reads firstEvent null and empty lists, not errors", async () => {
    const { auth } = await memberWithToken(t.db, "dev@example.com", "acme", "member");
    const res = await get("/api/0/projects/acme/checkout/", auth);
    expect(res.body).toMatchObject({
      firstEvent: null,
      platforms: [],
      environments: [],
      latestRelease: null,
      hasUserReports: false,
      hasSessions: false,
    });
  });

  it("organization project lists, the project index and the organization carry the same summary", async () => {
    const { auth, first } = await withEvents();
    const listed = await get("/api/0/organizations/acme/projects/", auth);
    expect(listed.status).toBe(200);
    expect(
      shapeDifferences(sentryExample("organization-projects.json"), listed.body, { nullable: ["[].platform"] }),
    ).toEqual([]);
    expect(listed.body[0]).toMatchObject({ slug: "checkout", firstEvent: first.toISOString(), platforms: ["node"] });
    const index = await get("/api/0/projects/", auth);
    expect(index.body).toHaveLength(1);
    expect(index.body[0]).toMatchObject({
      slug: "checkout",
      firstEvent: first.toISOString(),
      organization: { slug: "acme" },
    });
    const org = await get("/api/0/organizations/acme/", auth);
    expect(shapeDifferences(sentryExample("organization.json"), org.body)).toEqual([]);
    expect(org.body.links).toEqual({ organizationUrl: t.server.url, regionUrl: t.server.url });
    expect(org.body.projects[0]).toMatchObject({ slug: "checkout", environments: ["production", "staging"] });
    // A member added without teams is in none (open membership still shows them every project).
    expect(org.body.teams).toMatchObject([{ slug: "acme", memberCount: 0, isMember: false }]);
    const orgs = await get("/api/0/organizations/", auth);
    expect(orgs.body[0].links).toEqual({ organizationUrl: t.server.url, regionUrl: t.server.url });
  });

  it("the organization's first team lists its projects as Sentry's teams do", async () => {
    const { auth } = await withEvents();
    const teams = await get("/api/0/organizations/acme/teams/", auth);
    expect(teams.status).toBe(200);
    expect(
      shapeDifferences(sentryExample("organization-teams.json"), teams.body, { nullable: ["[].projects[].platform"] }),
    ).toEqual([]);
    expect(teams.body).toHaveLength(1);
    expect(teams.body[0]).toMatchObject({ slug: "acme", teamRole: null, isMember: false, memberCount: 0 });
    expect(teams.body[0].projects.map((project: { slug: string }) => project.slug)).toEqual(["checkout"]);
    const brief = await get("/api/0/organizations/acme/teams/?detailed=0", auth);
    expect(brief.body[0].projects).toBeUndefined();

    const projects = await get("/api/0/teams/acme/acme/projects/", auth);
    expect(projects.status).toBe(200);
    expect(shapeDifferences(sentryExample("team-projects.json"), projects.body)).toEqual([]);
    expect(projects.body[0]).toMatchObject({ slug: "checkout", team: { slug: "acme" } });
    const team = await get("/api/0/teams/acme/acme/", auth);
    expect(team.body).toMatchObject({ slug: "acme", projects: [{ slug: "checkout" }] });
    expect((await get("/api/0/teams/acme/another-team/projects/", auth)).status).toBe(404);
  });

  it("another organization's teams and projects are 404", async () => {
    await withEvents();
    const rival = await memberWithToken(t.db, "rival@example.com", "rival", "owner");
    for (const path of [
      "/api/0/organizations/acme/teams/",
      "/api/0/teams/acme/acme/",
      "/api/0/teams/acme/acme/projects/",
      "/api/0/projects/acme/checkout/",
      "/api/0/organizations/acme/projects/",
    ]) {
      expect({ path, status: (await get(path, rival.auth)).status }).toEqual({ path, status: 404 });
    }
    const index = await get("/api/0/projects/", rival.auth);
    expect(index.body.map((project: { slug: string }) => project.slug)).toEqual(["secret"]);
  });
});
