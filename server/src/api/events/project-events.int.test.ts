import request from "supertest";
import { memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";
import { storeTestEvent } from "../../../../test/support/events";
import { sentryExample, shapeDifferences } from "../../../../test/support/sentry-shape";

const t = useApiServer();

async function get(path: string, auth: string) {
  return request(t.server.url).get(path).set("Authorization", auth);
}

/** Three events in acme/checkout (two issues), one in rival/secret. */
async function seed() {
  const { auth } = await memberWithToken(t.db, "dev@example.com", "acme", "member");
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute));
  const oldest = await storeTestEvent(t.db, t.projectId, { group: "cart", timestamp: at(1) });
  const middle = await storeTestEvent(t.db, t.projectId, { group: "pay", timestamp: at(2), environment: "staging" });
  const newest = await storeTestEvent(t.db, t.projectId, { group: "cart", timestamp: at(3) });
  const hidden = await storeTestEvent(t.db, t.rivalProjectId, { group: "secret", timestamp: at(4) });
  return { auth, oldest, middle, newest, hidden };
}

function nextCursor(link: string | undefined): string | undefined {
  const match = /<[^>]*>; rel="next"; results="true"; cursor="([^"]+)"/.exec(link ?? "");
  return match?.[1];
}

describe("a project's events and events by id", () => {
  it("lists a project's events newest first, a page at a time, in the list shape or whole with full=true", async () => {
    const { auth, oldest, middle, newest } = await seed();
    const first = await get("/api/0/projects/acme/checkout/events/?per_page=2", auth);
    expect(first.status).toBe(200);
    expect(first.body.map((event: { eventID: string }) => event.eventID)).toEqual([newest.eventId, middle.eventId]);
    expect(first.body[0]).toMatchObject({
      id: newest.eventId,
      groupID: String(newest.issueId),
      projectID: String(t.projectId),
      title: "TypeError: cart failed",
      dateCreated: "2026-11-20T10:03:00.000Z",
    });
    expect(first.body[0].entries).toBeUndefined();
    const cursor = nextCursor(first.headers.link);
    expect(cursor).toBeDefined();
    const second = await get(`/api/0/projects/acme/checkout/events/?per_page=2&cursor=${cursor}`, auth);
    expect(second.body.map((event: { eventID: string }) => event.eventID)).toEqual([oldest.eventId]);
    expect(nextCursor(second.headers.link)).toBeUndefined();

    const full = await get("/api/0/projects/acme/checkout/events/?full=true&per_page=1", auth);
    expect(full.body).toHaveLength(1);
    expect(full.body[0]).toMatchObject({ eventID: newest.eventId, entries: expect.any(Array) });
    const staging = await get("/api/0/projects/acme/checkout/events/?query=environment:staging", auth);
    expect(staging.body.map((event: { eventID: string }) => event.eventID)).toEqual([middle.eventId]);
  });

  it("finds an event by id across the organization's projects, with its project and issue", async () => {
    const { auth, middle } = await seed();
    const res = await get(`/api/0/organizations/acme/eventids/${middle.eventId}/`, auth);
    expect(res.status).toBe(200);
    expect(shapeDifferences(sentryExample("event-id-lookup.json"), res.body)).toEqual([]);
    expect(res.body).toMatchObject({
      organizationSlug: "acme",
      projectSlug: "checkout",
      groupId: String(middle.issueId),
      eventId: middle.eventId,
      event: { eventID: middle.eventId, groupID: String(middle.issueId), entries: expect.any(Array) },
    });
    const dashed = middle.eventId.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");
    expect((await get(`/api/0/organizations/acme/eventids/${dashed}/`, auth)).body.eventId).toBe(middle.eventId);
    expect((await get("/api/0/organizations/acme/eventids/not-an-id/", auth)).status).toBe(404);
    expect((await get(`/api/0/organizations/acme/eventids/${"f".repeat(32)}/`, auth)).status).toBe(404);
  });

  it("another organization's events are 404 by either path", async () => {
    const { auth, middle, hidden } = await seed();
    const rival = await memberWithToken(t.db, "rival@example.com", "rival", "owner");
    expect((await get("/api/0/projects/acme/checkout/events/", rival.auth)).status).toBe(404);
    expect((await get(`/api/0/organizations/acme/eventids/${middle.eventId}/`, rival.auth)).status).toBe(404);
    // Its own organization's path does not reach another organization's event either.
    expect((await get(`/api/0/organizations/rival/eventids/${middle.eventId}/`, rival.auth)).status).toBe(404);
    expect((await get(`/api/0/organizations/acme/eventids/${hidden.eventId}/`, auth)).status).toBe(404);
  });
});
