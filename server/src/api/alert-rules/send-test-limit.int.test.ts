import request from "supertest";
import { createRule } from "../../../../test/support/alerts";
import { bearerFor, createTestUser, memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";

const api = useApiServer();
const BASE = "/api/0/projects/acme/checkout/alert-rules";

/** A rule whose test goes to an ntfy topic (no worker runs here: the messages stay queued). */
async function rule(name: string) {
  const created = await createRule(api.db, api.projectId, {
    name,
    triggers: [{ type: "first_seen" }],
    actions: [{ type: "ntfy", topic: "throttle-test" }],
  });
  return created.id;
}

function sendTest(ruleId: number, auth: string) {
  return request(api.server.url).post(`${BASE}/${ruleId}/test/`).set("Authorization", auth);
}

it("allows 5 tests per rule in 10 minutes, then answers 429 with Retry-After and a JSON reason, for everyone", async () => {
  const { auth } = await memberWithToken(api.db, "member@example.com", "acme", "member");
  const { auth: other } = await memberWithToken(api.db, "other@example.com", "acme", "member");
  const ruleId = await rule("Throttled");
  for (let n = 0; n < 5; n++) await sendTest(ruleId, auth).expect(202);
  const refused = await sendTest(ruleId, auth).expect(429);
  const wait = Number(refused.headers["retry-after"]);
  expect(wait).toBeGreaterThan(0);
  expect(wait).toBeLessThanOrEqual(600);
  expect(refused.body).toEqual({
    detail: expect.stringMatching(
      /^Too many test messages: 5 per 10 minutes for this rule; try again in \d+ seconds\.$/,
    ),
    limit: "rule",
    retryAfter: wait,
  });
  // The limit is the rule's: another person is refused too, and nothing more was queued.
  await sendTest(ruleId, other).expect(429);
  expect(await api.db.notificationDelivery.count({ where: { kind: "test" } })).toBe(5);
  // Another rule is not limited by this one.
  await sendTest(await rule("Fresh"), auth).expect(202);
});

it("allows 20 tests per person in an hour across rules; another person still may", async () => {
  const { auth } = await memberWithToken(api.db, "busy@example.com", "acme", "member");
  const rules = await Promise.all([1, 2, 3, 4, 5].map((n) => rule(`Rule ${n}`)));
  for (const ruleId of rules.slice(0, 4)) for (let n = 0; n < 5; n++) await sendTest(ruleId, auth).expect(202);
  const fifth = rules[4] as number;
  const refused = await sendTest(fifth, auth).expect(429);
  expect(refused.body).toMatchObject({ limit: "user", detail: expect.stringContaining("20 per 1 hour for you") });
  expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(3600);
  const { auth: colleague } = await memberWithToken(api.db, "colleague@example.com", "acme", "member");
  await sendTest(fifth, colleague).expect(202);
});

it("needs write access to the project: viewers, read-only tokens and other organizations cannot send tests", async () => {
  const ruleId = await rule("Guarded");
  const viewer = await createTestUser(api.db, "viewer@example.com", { acme: "viewer" });
  const member = await createTestUser(api.db, "reader@example.com", { acme: "member" });
  const outsider = await memberWithToken(api.db, "outsider@example.com", "rival", "owner");
  await sendTest(ruleId, await bearerFor(api.db, viewer.id)).expect(403);
  await sendTest(ruleId, await bearerFor(api.db, member.id, ["read"])).expect(403);
  await sendTest(ruleId, outsider.auth).expect(404);
  // Refused calls are not counted: the rule's five are all still there.
  const { auth } = await memberWithToken(api.db, "owner@example.com", "acme", "owner");
  for (let n = 0; n < 5; n++) await sendTest(ruleId, auth).expect(202);
});
