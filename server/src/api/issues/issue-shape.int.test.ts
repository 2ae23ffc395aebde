import request from "supertest";
import { memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";
import { storeTestEvent } from "../../../../test/support/events";
import { sentryExample, shapeDifferences, type ShapeOptions } from "../../../../test/support/sentry-shape";

const t = useApiServer();

// Sentry's examples give null for shareId, subscriptionDetails, logger and an unassigned
// assignedTo, so those may be null without being listed here.
const LIST_OPTIONS: ShapeOptions = {};

const ORG_LIST_OPTIONS: ShapeOptions = {
  // Faultline has no issue sharing, and its subscriptions are explicit (nothing to explain).
  nullable: ["[].shareId", "[].subscriptionDetails"],
  // Sentry's example assignee is a full user; its serializer (and Faultline) answer the actor
  // summary {type, id, name, email}.
  opaque: ["[].assignedTo"],
  absent: [
    // The review inbox ("For Review") is not a Faultline feature; Sentry adds it on expand=inbox.
    "[].inbox",
    // Ownership rules / suspect owners do not exist in Faultline; Sentry adds them on expand=owners.
    "[].owners",
    // Seer (Sentry's AI autofix) has no counterpart.
    "[].seerAutofixLastTriggered",
    "[].seerFixabilityScore",
    // Sentry joins release-health sessions per issue on expand=sessions; Faultline does not.
    "[].sessionCount",
    // Sentry reads it from its event store on expand=latestEventHasAttachments; not answered.
    "[].latestEventHasAttachments",
  ],
};

const DETAIL_OPTIONS: ShapeOptions = {};

async function get(path: string, auth: string) {
  return request(t.server.url).get(path).set("Authorization", auth);
}

async function withIssue() {
  const { user, auth } = await memberWithToken(t.db, "dev@example.com", "acme", "member");
  const first = new Date(Date.now() - 3 * 3600_000);
  const stored = await storeTestEvent(t.db, t.projectId, {
    group: "card",
    timestamp: first,
    release: "shop@1.0.0",
    user: { id: "u1" },
    tags: [["handled", "no"]],
  });
  await storeTestEvent(t.db, t.projectId, {
    group: "card",
    timestamp: new Date(Date.now() - 3600_000),
    release: "shop@1.1.0",
    user: { id: "u2" },
  });
  return { user, auth, issueId: String(stored.issueId), first };
}

describe("issues in Sentry's shape", () => {
  it("a project's issue list has the fields of Sentry's list", async () => {
    const { auth, issueId } = await withIssue();
    const res = await get("/api/0/projects/acme/checkout/issues/", auth);
    expect(res.status).toBe(200);
    expect(shapeDifferences(sentryExample("project-issues.json"), res.body, LIST_OPTIONS)).toEqual([]);
    expect(res.body[0]).toMatchObject({ id: issueId, count: "2", userCount: 2, hasSeen: false, isPublic: false });
    const day = res.body[0].stats["24h"] as [number, number][];
    expect(day).toHaveLength(24);
    expect(day.reduce((sum, [, n]) => sum + n, 0)).toBe(2);
  });

  it("an organization's issue list has the fields of Sentry's list", async () => {
    const { auth, user, issueId } = await withIssue();
    const assigned = await request(t.server.url)
      .put(`/api/0/issues/${issueId}/`)
      .set("Authorization", auth)
      .send({ assignedTo: `user:${user.id}` });
    expect(assigned.status).toBe(200);
    const res = await get("/api/0/organizations/acme/issues/", auth);
    expect(res.status).toBe(200);
    expect(shapeDifferences(sentryExample("organization-issues.json"), res.body, ORG_LIST_OPTIONS)).toEqual([]);
    expect(res.body[0]).toMatchObject({
      assignedTo: { type: "user", id: String(user.id), email: "dev@example.com" },
      isUnhandled: true,
      priority: "high",
      substatus: "ongoing",
      issueType: "error",
      issueCategory: "error",
      metadata: { title: "TypeError: card failed", type: "TypeError", value: "card failed" },
      project: { slug: "checkout", name: "Checkout", platform: expect.any(String) },
      lifetime: { count: "2", userCount: 2 },
    });
  });

  it("an issue with only handled errors is not unhandled", async () => {
    const { auth } = await memberWithToken(t.db, "dev@example.com", "acme", "member");
    await storeTestEvent(t.db, t.projectId, { group: "caught", tags: [["handled", "yes"]] });
    const res = await get("/api/0/projects/acme/checkout/issues/", auth);
    expect(res.body[0]).toMatchObject({ isUnhandled: false });
  });

  it("the issue detail has the fields of Sentry's Retrieve an Issue", async () => {
    const { auth, issueId, first } = await withIssue();
    for (const path of [`/api/0/issues/${issueId}/`, `/api/0/organizations/acme/issues/${issueId}/`]) {
      const res = await get(path, auth);
      expect(res.status).toBe(200);
      expect(shapeDifferences(sentryExample("issue-details.json"), res.body, DETAIL_OPTIONS)).toEqual([]);
      expect(res.body).toMatchObject({
        id: issueId,
        count: "2",
        userCount: 2,
        firstSeen: first.toISOString(),
        firstRelease: { version: "shop@1.0.0", newGroups: 1, projects: [{ slug: "checkout" }] },
        lastRelease: { version: "shop@1.1.0", newGroups: 0 },
        userReportCount: 0,
        tags: expect.arrayContaining([expect.objectContaining({ key: "release", totalValues: 2, uniqueValues: 2 })]),
        project: { slug: "checkout", name: "Checkout" },
      });
      expect(res.body.activity).toEqual(expect.arrayContaining([expect.objectContaining({ type: "first_seen" })]));
    }
  });
});
