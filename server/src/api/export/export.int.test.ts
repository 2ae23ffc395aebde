import request from "supertest";
import { memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";
import { storeTestEvent } from "../../../../test/support/events";

const t = useApiServer();
const get = (path: string, auth: string) => request(t.server.url).get(path).set("Authorization", auth).buffer(true);

describe("exports", () => {
  it("streams an issue's events as JSON lines and as CSV", async () => {
    let issueId = 0n;
    for (let n = 0; n < 1203; n++) {
      issueId = (await storeTestEvent(t.db, t.projectId, { group: "card", message: n === 0 ? 'say "hi", ok' : "" }))
        .issueId;
    }
    const { auth } = await memberWithToken(t.db, "viewer@example.com", "acme", "viewer");
    const jsonl = await get(`/api/0/issues/${issueId}/events/export/`, auth);
    expect(jsonl.status).toBe(200);
    expect(jsonl.headers["content-type"]).toMatch(/application\/x-ndjson/);
    const lines = jsonl.text
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { eventID: string });
    expect(lines).toHaveLength(1203);
    expect(new Set(lines.map((line) => line.eventID)).size).toBe(1203);
    const csv = await get(`/api/0/issues/${issueId}/events/export/?format=csv`, auth);
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    expect(csv.text.split("\r\n")[0]).toBe(
      "eventID,dateCreated,dateReceived,title,message,level,platform,release,environment,user,tags,data",
    );
    expect(csv.text).toContain('"say ""hi"", ok"');
    expect((await get(`/api/0/issues/${issueId}/events/export/?format=xml`, auth)).status).toBe(400);
  }, 60_000);

  it("exports a search's issues; another organization's issue is 404", async () => {
    await storeTestEvent(t.db, t.projectId, { group: "a", level: "fatal" });
    await storeTestEvent(t.db, t.projectId, { group: "b" });
    const rival = await storeTestEvent(t.db, t.rivalProjectId, { group: "c" });
    const { auth } = await memberWithToken(t.db, "viewer@example.com", "acme", "viewer");
    const res = await get(
      `/api/0/projects/acme/checkout/issues/export/?format=csv&query=${encodeURIComponent("level:fatal")}`,
      auth,
    );
    const rows = res.text.trim().split("\r\n");
    expect(rows[0]).toMatch(/^id,shortId,title/);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain("fatal");
    expect((await get(`/api/0/issues/${rival.issueId}/events/export/`, auth)).status).toBe(404);
  });
});
