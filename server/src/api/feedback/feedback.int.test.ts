import { randomUUID } from "node:crypto";
import request from "supertest";
import { memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";
import { storeTestEvent } from "../../../../test/support/events";

const t = useApiServer();
const dashed = (hex: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

async function feedbackRow(eventId: string | null, issueId: bigint | null, name: string, createdAt: Date) {
  await t.db.userFeedback.create({
    data: {
      projectId: t.projectId,
      feedbackId: randomUUID(),
      eventId: eventId ? dashed(eventId) : null,
      issueId,
      name,
      email: `${name.toLowerCase()}@example.com`,
      comments: `${name} says it broke`,
      source: "user_report",
      createdAt,
    },
  });
}

describe("user feedback", () => {
  it("counts an issue's feedback in the detail, including feedback that came before its event", async () => {
    const eventId = randomUUID().replaceAll("-", "");
    await storeTestEvent(t.db, t.projectId, { group: "a", eventId });
    const issue = await t.db.issue.findFirstOrThrow({ where: { projectId: t.projectId } });
    await feedbackRow(eventId, issue.id, "Ana", new Date(Date.now() - 2000));
    // Sent before the event was stored: ingest could not link it to the issue.
    await feedbackRow(eventId, null, "Bo", new Date(Date.now() - 1000));
    await feedbackRow(null, null, "Cy", new Date());
    const { auth } = await memberWithToken(t.db, "viewer@example.com", "acme", "viewer");
    const detail = await request(t.server.url).get(`/api/0/issues/${issue.id}/`).set("Authorization", auth);
    expect(detail.status).toBe(200);
    expect(detail.body.userReportCount).toBe(2);

    const list = await request(t.server.url)
      .get("/api/0/projects/acme/checkout/user-feedback/?per_page=2")
      .set("Authorization", auth);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      {
        id: expect.any(String),
        eventID: null,
        name: "Cy",
        email: "cy@example.com",
        comments: "Cy says it broke",
        dateCreated: expect.any(String),
        issue: null,
      },
      expect.objectContaining({ name: "Bo", eventID: eventId, issue: { id: String(issue.id) } }),
    ]);
    const next = /<([^>]+)>; rel="next"; results="true"/.exec(String(list.headers.link))?.[1];
    expect(next).toBeDefined();
    const second = await request(next!).get("").set("Authorization", auth);
    expect(second.body.map((row: { name: string }) => row.name)).toEqual(["Ana"]);
  });

  it("is 404 for another organization's project", async () => {
    const { auth } = await memberWithToken(t.db, "viewer@example.com", "acme", "viewer");
    const res = await request(t.server.url)
      .get("/api/0/projects/rival/secret/user-feedback/")
      .set("Authorization", auth);
    expect(res.status).toBe(404);
  });
});

describe("an issue's user reports", () => {
  it("lists the feedback about the issue's events, newest first, to a viewer; not other issues' feedback", async () => {
    const [first, second, other] = [0, 1, 2].map(() => randomUUID().replaceAll("-", ""));
    await storeTestEvent(t.db, t.projectId, { group: "a", eventId: first });
    await storeTestEvent(t.db, t.projectId, { group: "a", eventId: second });
    await storeTestEvent(t.db, t.projectId, { group: "b", eventId: other });
    const event = await t.db.event.findFirstOrThrow({ where: { projectId: t.projectId, eventId: dashed(first!) } });
    const issueId = event.issueId;
    await feedbackRow(first!, issueId, "Ana", new Date(Date.now() - 2000));
    // Sent before its event was stored: found through the event.
    await feedbackRow(second!, null, "Bo", new Date(Date.now() - 1000));
    await feedbackRow(other!, null, "Cy", new Date());
    const { auth } = await memberWithToken(t.db, "viewer@example.com", "acme", "viewer");
    for (const path of [
      `/api/0/issues/${issueId}/user-reports/`,
      `/api/0/organizations/acme/issues/${issueId}/user-reports/`,
    ]) {
      const res = await request(t.server.url).get(path).set("Authorization", auth);
      expect(res.status).toBe(200);
      expect(res.body.map((row: { name: string }) => row.name)).toEqual(["Bo", "Ana"]);
      expect(res.body[1]).toMatchObject({ eventID: first, email: "ana@example.com", issue: { id: String(issueId) } });
    }
  });

  it("is 404 for another organization's issue", async () => {
    await storeTestEvent(t.db, t.rivalProjectId, { group: "secret" });
    const rivalIssue = await t.db.issue.findFirstOrThrow({ where: { projectId: t.rivalProjectId } });
    const { auth } = await memberWithToken(t.db, "viewer@example.com", "acme", "viewer");
    const res = await request(t.server.url)
      .get(`/api/0/issues/${rivalIssue.id}/user-reports/`)
      .set("Authorization", auth);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ detail: expect.any(String) });
  });
});

describe("event attachments", () => {
  it("lists an event's attachments and downloads one as a file, never as a page", async () => {
    const eventId = randomUUID().replaceAll("-", "");
    await t.db.attachment.create({
      data: {
        projectId: t.projectId,
        eventId: dashed(eventId),
        filename: "page.html",
        contentType: "text/html",
        attachmentType: "event.attachment",
        size: 26,
        sha1: "x",
        data: Buffer.from("<script>alert(1)</script>!"),
      },
    });
    await t.db.attachment.create({
      data: {
        projectId: t.rivalProjectId,
        eventId: dashed(eventId),
        filename: "secret.txt",
        contentType: "text/plain",
        attachmentType: "event.attachment",
        size: 1,
        sha1: "y",
        data: Buffer.from("s"),
      },
    });
    const { auth } = await memberWithToken(t.db, "viewer@example.com", "acme", "viewer");
    const list = await request(t.server.url)
      .get(`/api/0/projects/acme/checkout/events/${eventId}/attachments/`)
      .set("Authorization", auth);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      expect.objectContaining({ name: "page.html", mimetype: "text/html", size: 26, event_id: eventId }),
    ]);
    const download = await request(list.body[0].downloadUrl).get("").set("Authorization", auth);
    expect(download.status).toBe(200);
    expect(download.headers["content-type"]).toBe("application/octet-stream");
    expect(download.headers["content-disposition"]).toBe("attachment; filename*=UTF-8''page.html");
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    expect(Buffer.from(download.body as Buffer).toString()).toBe("<script>alert(1)</script>!");

    const rivalId = (await t.db.attachment.findFirstOrThrow({ where: { projectId: t.rivalProjectId } })).id;
    const cross = await request(t.server.url)
      .get(`/api/0/projects/acme/checkout/events/${eventId}/attachments/${rivalId}/`)
      .set("Authorization", auth);
    expect(cross.status).toBe(404);
  });
});
