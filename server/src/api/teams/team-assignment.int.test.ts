import request from "supertest";
import { memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";

const api = useApiServer();

function call(method: "get" | "put", path: string, auth: string, body?: object) {
  const req = request(api.server.url)[method](path).set("Authorization", auth);
  return body ? req.send(body) : req;
}

async function issue(title: string, shortId: number, projectId = api.projectId) {
  const now = new Date();
  return api.db.issue.create({
    data: { projectId, primaryHash: title.padEnd(32, "x"), title, firstSeen: now, lastSeen: now, shortId },
  });
}

async function titles(query: string, auth: string) {
  const res = await call("get", `/api/0/organizations/acme/issues/?query=${encodeURIComponent(query)}`, auth);
  expect(res.status).toBe(200);
  return (res.body as { title: string }[]).map((row) => row.title).sort();
}

describe("issues assigned to a team", () => {
  async function setUp() {
    const ana = await memberWithToken(api.db, "ana@example.com", "acme", "member");
    const ben = await memberWithToken(api.db, "ben@example.com", "acme", "member");
    const org = await api.db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
    const mobile = await api.db.team.create({ data: { organizationId: org.id, slug: "mobile", name: "Mobile" } });
    const web = await api.db.team.create({ data: { organizationId: org.id, slug: "web", name: "Web" } });
    const anaMember = await api.db.organizationMember.findFirstOrThrow({ where: { userId: ana.user.id } });
    await api.db.teamMember.create({ data: { teamId: mobile.id, memberId: anaMember.id } });
    return { ana, ben, mobile, web };
  }

  it("assignedTo team:<id> assigns it, answers Sentry's team actor and is recorded in the activity", async () => {
    const { ana, mobile } = await setUp();
    const crash = await issue("Crash", 1);
    const res = await call("put", `/api/0/issues/${crash.id}/`, ana.auth, { assignedTo: `team:${mobile.id}` });
    expect(res.status).toBe(200);
    expect(res.body.assignedTo).toEqual({ type: "team", id: String(mobile.id), name: "mobile" });
    const detail = await call("get", `/api/0/issues/${crash.id}/`, ana.auth);
    expect(detail.body.assignedTo).toEqual({ type: "team", id: String(mobile.id), name: "mobile" });
    const activity = await api.db.issueActivity.findMany({ where: { issueId: crash.id } });
    expect(activity.map((row) => [row.type, row.data])).toContainEqual([
      "assigned",
      { assignee: String(mobile.id), assigneeType: "team", assigneeName: "mobile" },
    ]);
    // Assigning to a person replaces the team (never both).
    const toAna = await call("put", `/api/0/issues/${crash.id}/`, ana.auth, { assignedTo: `user:${ana.user.id}` });
    expect(toAna.body.assignedTo).toMatchObject({ type: "user", id: String(ana.user.id) });
    const row = await api.db.issue.findUniqueOrThrow({ where: { id: crash.id } });
    expect([row.assigneeId, row.assigneeTeamId]).toEqual([ana.user.id, null]);
  });

  it("another organization's team, or no such team, is a clear 400", async () => {
    const { ana } = await setUp();
    const crash = await issue("Crash", 1);
    const rivalOrg = await api.db.organization.findUniqueOrThrow({ where: { slug: "rival" } });
    const rivalTeam = await api.db.team.findFirstOrThrow({ where: { organizationId: rivalOrg.id } });
    for (const assignedTo of [`team:${rivalTeam.id}`, "team:999999"]) {
      const res = await call("put", `/api/0/issues/${crash.id}/`, ana.auth, { assignedTo });
      expect(res.status).toBe(400);
      expect(res.body.detail).toBe("assignedTo: not a team of this organization");
    }
  });

  it("assigned:#team, assigned:my_teams and the For me search [me, my_teams]", async () => {
    const { ana, ben, mobile, web } = await setUp();
    const [mobileIssue, webIssue, anaIssue, benIssue] = [
      await issue("Mobile crash", 1),
      await issue("Web crash", 2),
      await issue("Ana's bug", 3),
      await issue("Ben's bug", 4),
    ];
    await issue("Nobody's", 5);
    await call("put", `/api/0/issues/${mobileIssue.id}/`, ana.auth, { assignedTo: `team:${mobile.id}` });
    await call("put", `/api/0/issues/${webIssue.id}/`, ana.auth, { assignedTo: `team:${web.id}` });
    await call("put", `/api/0/issues/${anaIssue.id}/`, ana.auth, { assignedTo: `user:${ana.user.id}` });
    await call("put", `/api/0/issues/${benIssue.id}/`, ana.auth, { assignedTo: `user:${ben.user.id}` });

    expect(await titles("assigned:#mobile", ben.auth)).toEqual(["Mobile crash"]);
    expect(await titles("assigned:#web", ben.auth)).toEqual(["Web crash"]);
    expect(await titles("assigned:my_teams", ana.auth)).toEqual(["Mobile crash"]);
    expect(await titles("assigned:my_teams", ben.auth)).toEqual([]);
    expect(await titles("is:unresolved assigned:[me, my_teams]", ana.auth)).toEqual(["Ana's bug", "Mobile crash"]);
    expect(await titles("assigned_or_suggested:[me, my_teams]", ben.auth)).toEqual(["Ben's bug"]);
    expect(await titles("!assigned:#mobile", ben.auth)).toEqual(["Ana's bug", "Ben's bug", "Nobody's", "Web crash"]);
    expect(await titles("is:unassigned", ben.auth)).toEqual(["Nobody's"]);
    expect(await titles("is:assigned", ben.auth)).toHaveLength(4);
    const bad = await call(
      "get",
      `/api/0/organizations/acme/issues/?query=${encodeURIComponent("assigned:#No_Team")}`,
      ben.auth,
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("is not a team");
  });

  it("deleting a team leaves its issues unassigned", async () => {
    const { ana, mobile } = await setUp();
    const crash = await issue("Crash", 1);
    await call("put", `/api/0/issues/${crash.id}/`, ana.auth, { assignedTo: `team:${mobile.id}` });
    await api.db.team.delete({ where: { id: mobile.id } });
    expect((await call("get", `/api/0/issues/${crash.id}/`, ana.auth)).body.assignedTo).toBeNull();
  });
});
