import request from "supertest";
import { bearerFor, createTestUser, memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";
import { createTestProject } from "../../../../test/support/harness";

const api = useApiServer();

function call(method: "get" | "post" | "put" | "delete", path: string, auth: string, body?: object) {
  const req = request(api.server.url)[method](path).set("Authorization", auth);
  return body ? req.send(body) : req;
}

/** One user per role in acme, an owner of the rival organization, and an owner's read-only token. */
async function roles() {
  const owner = await memberWithToken(api.db, "owner@example.com", "acme", "owner");
  const admin = await memberWithToken(api.db, "admin@example.com", "acme", "admin");
  const member = await memberWithToken(api.db, "member@example.com", "acme", "member");
  const viewer = await memberWithToken(api.db, "viewer@example.com", "acme", "viewer");
  const rival = await memberWithToken(api.db, "rival@example.com", "rival", "owner");
  const readOnly = await bearerFor(api.db, owner.user.id, ["read"]);
  return { owner, admin, member, viewer, rival, readOnly };
}

async function memberId(email: string) {
  const row = await api.db.organizationMember.findFirstOrThrow({
    where: { organization: { slug: "acme" }, user: { email } },
  });
  return row.id;
}

describe("teams", () => {
  it("an admin creates a team, renames it, adds a member and a project, and deletes it", async () => {
    const { admin, member } = await roles();
    const created = await call("post", "/api/0/organizations/acme/teams/", admin.auth, { name: "Mobile Apps" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: "mobile-apps", name: "Mobile Apps", isMember: true, memberCount: 1 });
    const again = await call("post", "/api/0/organizations/acme/teams/", admin.auth, { slug: "mobile-apps" });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain("mobile-apps");
    const bad = await call("post", "/api/0/organizations/acme/teams/", admin.auth, { slug: "Not A Slug" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("slug");

    const renamed = await call("put", "/api/0/teams/acme/mobile-apps/", admin.auth, { name: "Mobile", slug: "mobile" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ slug: "mobile", name: "Mobile" });

    const joined = await call(
      "post",
      `/api/0/organizations/acme/members/${await memberId("member@example.com")}/teams/mobile/`,
      admin.auth,
    );
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ slug: "mobile", memberCount: 2 });
    const twice = await call(
      "post",
      `/api/0/organizations/acme/members/${await memberId("member@example.com")}/teams/mobile/`,
      admin.auth,
    );
    expect(twice.status).toBe(204);
    const orgMembers = await call("get", "/api/0/organizations/acme/members/", member.auth);
    const row = orgMembers.body.find((one: { email: string }) => one.email === "member@example.com");
    expect(row.teams).toEqual(["mobile"]);
    const members = await call("get", "/api/0/teams/acme/mobile/members/", member.auth);
    expect(members.body.map((row: { email: string }) => row.email).sort()).toEqual([
      "admin@example.com",
      "member@example.com",
    ]);

    const access = await call("post", "/api/0/projects/acme/checkout/teams/mobile/", admin.auth);
    expect(access.status).toBe(201);
    expect(access.body.teams.map((team: { slug: string }) => team.slug)).toEqual(["acme", "mobile"]);
    const projectTeams = await call("get", "/api/0/projects/acme/checkout/teams/", member.auth);
    expect(projectTeams.body.map((team: { slug: string }) => team.slug)).toEqual(["acme", "mobile"]);
    const teamProjects = await call("get", "/api/0/teams/acme/mobile/projects/", member.auth);
    expect(teamProjects.body.map((project: { slug: string }) => project.slug)).toEqual(["checkout"]);
    const removed = await call("delete", "/api/0/projects/acme/checkout/teams/mobile/", admin.auth);
    expect(removed.body.teams.map((team: { slug: string }) => team.slug)).toEqual(["acme"]);

    const left = await call(
      "delete",
      `/api/0/organizations/acme/members/${await memberId("member@example.com")}/teams/mobile/`,
      admin.auth,
    );
    expect(left.status).toBe(200);
    expect(left.body.memberCount).toBe(1);
    expect((await call("delete", "/api/0/teams/acme/mobile/", admin.auth)).status).toBe(204);
    expect((await call("get", "/api/0/teams/acme/mobile/", admin.auth)).status).toBe(404);
    const log = await api.db.auditLogEntry.findMany({ orderBy: { id: "asc" }, select: { event: true } });
    expect(log.map((row) => row.event)).toEqual([
      "team.create",
      "team.edit",
      "team.add-member",
      "project.add-team",
      "project.remove-team",
      "team.remove-member",
      "team.remove",
    ]);
  });

  it("a project created through a team joins it; one created in the organization joins its first team", async () => {
    const { owner } = await roles();
    await call("post", "/api/0/organizations/acme/teams/", owner.auth, { slug: "web" });
    const viaTeam = await call("post", "/api/0/teams/acme/web/projects/", owner.auth, { name: "Storefront" });
    expect(viaTeam.status).toBe(201);
    expect(viaTeam.body).toMatchObject({ slug: "storefront", team: { slug: "web" } });
    const viaOrg = await call("post", "/api/0/organizations/acme/projects/", owner.auth, { name: "Billing" });
    expect(viaOrg.body).toMatchObject({ slug: "billing", team: { slug: "acme" } });
  });

  it("a new organization starts with a team holding its creator", async () => {
    const root = await createTestUser(api.db, "root@example.com", {}, { superuser: true });
    const auth = await bearerFor(api.db, root.id);
    expect((await call("post", "/api/0/organizations/", auth, { name: "Umbrella" })).status).toBe(201);
    const teams = await call("get", "/api/0/organizations/umbrella/teams/", auth);
    expect(teams.body).toMatchObject([{ slug: "umbrella", isMember: true, memberCount: 1 }]);
  });

  it("members join and leave teams themselves only while membership is open", async () => {
    const { owner, member } = await roles();
    await call("post", "/api/0/organizations/acme/teams/", owner.auth, { slug: "web" });
    expect((await call("post", "/api/0/organizations/acme/members/me/teams/web/", member.auth)).status).toBe(201);
    const other = await call(
      "post",
      `/api/0/organizations/acme/members/${await memberId("viewer@example.com")}/teams/web/`,
      member.auth,
    );
    expect(other.status).toBe(403);
    await api.db.organization.update({ where: { slug: "acme" }, data: { openMembership: false } });
    const closed = await call("delete", "/api/0/organizations/acme/members/me/teams/web/", member.auth);
    expect(closed.status).toBe(403);
    expect(closed.body.detail).toContain("open membership");
  });

  it("authorization: who may read and change teams", async () => {
    const r = await roles();
    await call("post", "/api/0/organizations/acme/teams/", r.owner.auth, { slug: "web" });
    const writes: [string, "post" | "put" | "delete", string, object?][] = [
      ["create", "post", "/api/0/organizations/acme/teams/", { slug: "ops" }],
      ["edit", "put", "/api/0/teams/acme/web/", { name: "Web" }],
      ["project access", "post", "/api/0/projects/acme/checkout/teams/web/"],
      ["project access removal", "delete", "/api/0/projects/acme/checkout/teams/web/"],
      ["project creation", "post", "/api/0/teams/acme/web/projects/", { name: "Shop" }],
      ["delete", "delete", "/api/0/teams/acme/web/"],
    ];
    const reads = [
      "/api/0/organizations/acme/teams/",
      "/api/0/teams/acme/acme/",
      "/api/0/teams/acme/acme/members/",
      "/api/0/teams/acme/acme/projects/",
      "/api/0/projects/acme/checkout/teams/",
    ];
    for (const path of reads) {
      for (const [who, auth] of [
        ["viewer", r.viewer.auth],
        ["read-only token", r.readOnly],
      ] as const)
        expect({ who, path, status: (await call("get", path, auth)).status }).toEqual({ who, path, status: 200 });
      expect({ path, status: (await call("get", path, r.rival.auth)).status }).toEqual({ path, status: 404 });
    }
    for (const [what, method, path, body] of writes) {
      for (const [who, auth, status] of [
        ["viewer", r.viewer.auth, 403],
        ["member", r.member.auth, 403],
        ["read-only token", r.readOnly, 403],
        ["other organization", r.rival.auth, 404],
      ] as const) {
        const res = await call(method, path, auth, body);
        expect({ what, who, status: res.status }).toEqual({ what, who, status });
        expect(typeof res.body.detail).toBe("string");
      }
    }
    // Admins and owners may do all of it.
    for (const [what, method, path, body] of writes) {
      const res = await call(method, path, what === "delete" ? r.owner.auth : r.admin.auth, body);
      expect({ what, status: res.status }).toEqual({
        what,
        status: method === "post" ? 201 : method === "put" ? 200 : res.status,
      });
      expect(res.status).toBeLessThan(300);
    }
    const viewerSelf = await call("post", "/api/0/organizations/acme/members/me/teams/acme/", r.viewer.auth);
    expect(viewerSelf.status).toBe(403);
    const tokenSelf = await call("post", "/api/0/organizations/acme/members/me/teams/acme/", r.readOnly);
    expect(tokenSelf.status).toBe(403);
    const rivalJoin = await call("post", "/api/0/organizations/acme/members/me/teams/acme/", r.rival.auth);
    expect(rivalJoin.status).toBe(404);
  });
});

describe("open membership", () => {
  async function closedOrganization() {
    const r = await roles();
    const billingId = (await createTestProject(api.db, "Billing", "acme")).projectId;
    await call("post", "/api/0/organizations/acme/teams/", r.owner.auth, { slug: "team-a" });
    await call("post", "/api/0/organizations/acme/teams/", r.owner.auth, { slug: "team-b" });
    // team-a: checkout; team-b: billing; the acme team loses both. The member is in team-a only.
    await call("delete", "/api/0/projects/acme/checkout/teams/acme/", r.owner.auth);
    await call("delete", "/api/0/projects/acme/billing/teams/acme/", r.owner.auth);
    await call("post", "/api/0/projects/acme/checkout/teams/team-a/", r.owner.auth);
    await call("post", "/api/0/projects/acme/billing/teams/team-b/", r.owner.auth);
    await call(
      "post",
      `/api/0/organizations/acme/members/${await memberId("member@example.com")}/teams/team-a/`,
      r.owner.auth,
    );
    const checkoutIssue = await api.db.issue.create({
      data: {
        projectId: api.projectId,
        primaryHash: "a".repeat(32),
        title: "Checkout broke",
        firstSeen: new Date(),
        lastSeen: new Date(),
        shortId: 1,
      },
    });
    const billingIssue = await api.db.issue.create({
      data: {
        projectId: billingId,
        primaryHash: "b".repeat(32),
        title: "Billing broke",
        firstSeen: new Date(),
        lastSeen: new Date(),
        shortId: 1,
      },
    });
    return { ...r, checkoutIssue, billingIssue };
  }

  it("on (the default): every member sees every project", async () => {
    const { member } = await closedOrganization();
    const projects = await call("get", "/api/0/organizations/acme/projects/", member.auth);
    expect(projects.body.map((project: { slug: string }) => project.slug)).toEqual(["billing", "checkout"]);
    const issues = await call("get", "/api/0/organizations/acme/issues/?query=", member.auth);
    expect(issues.body.map((issue: { title: string }) => issue.title).sort()).toEqual([
      "Billing broke",
      "Checkout broke",
    ]);
  });

  it("off: a member of team A cannot read team B's projects, issues, events or stats; admins still can", async () => {
    const { member, admin, viewer, owner, checkoutIssue, billingIssue } = await closedOrganization();
    expect((await call("put", "/api/0/organizations/acme/", member.auth, { openMembership: false })).status).toBe(403);
    const closed = await call("put", "/api/0/organizations/acme/", owner.auth, { openMembership: false });
    expect(closed.status).toBe(200);
    expect(closed.body.openMembership).toBe(false);
    expect((await call("get", "/api/0/organizations/acme/", member.auth)).body.openMembership).toBe(false);
    const wrong = await call("put", "/api/0/organizations/acme/", owner.auth, { openMembership: "no" });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain("openMembership");
    const projects = await call("get", "/api/0/organizations/acme/projects/", member.auth);
    expect(projects.body.map((project: { slug: string }) => project.slug)).toEqual(["checkout"]);
    const index = await call("get", "/api/0/projects/", member.auth);
    expect(index.body.map((project: { slug: string }) => project.slug)).toEqual(["checkout"]);
    const issues = await call("get", "/api/0/organizations/acme/issues/?query=", member.auth);
    expect(issues.body.map((issue: { title: string }) => issue.title)).toEqual(["Checkout broke"]);
    const asked = await call(
      "get",
      `/api/0/organizations/acme/issues/?query=&project=${billingIssue.projectId}`,
      member.auth,
    );
    expect(asked.body).toEqual([]);
    for (const path of [
      "/api/0/projects/acme/billing/",
      "/api/0/projects/acme/billing/issues/",
      `/api/0/issues/${billingIssue.id}/`,
      `/api/0/organizations/acme/issues/${billingIssue.id}/`,
      `/api/0/organizations/acme/issues/BILLING-1/`,
      `/api/0/issues/${billingIssue.id}/events/`,
      "/api/0/organizations/acme/shortids/BILLING-1/",
    ]) {
      expect({ path, status: (await call("get", path, member.auth)).status }).toEqual({ path, status: 404 });
      expect({ path, status: (await call("get", path, admin.auth)).status }).toEqual({ path, status: 200 });
    }
    expect((await call("get", `/api/0/issues/${checkoutIssue.id}/`, member.auth)).status).toBe(200);
    await api.db.release
      .create({ data: { organizationId: Number(closed.body.id), version: "billing@1" } })
      .then((release) =>
        api.db.releaseProject.create({ data: { releaseId: release.id, projectId: billingIssue.projectId } }),
      );
    const releases = await call("get", "/api/0/organizations/acme/releases/", member.auth);
    expect(releases.status).toBe(200);
    expect(releases.body).toEqual([]);
    expect((await call("get", "/api/0/organizations/acme/releases/", admin.auth)).body).toHaveLength(1);
    expect((await call("put", `/api/0/issues/${billingIssue.id}/`, member.auth, { status: "resolved" })).status).toBe(
      404,
    );
    // A viewer in no team sees no project at all.
    expect((await call("get", "/api/0/organizations/acme/projects/", viewer.auth)).body).toEqual([]);
    const stats = await call(
      "get",
      `/api/0/organizations/acme/stats_v2/?field=sum(quantity)&groupBy=project&statsPeriod=1d&interval=1h&project=${billingIssue.projectId}`,
      member.auth,
    );
    expect(JSON.stringify(stats.body)).not.toContain(`"${billingIssue.projectId}"`);
  });
});
