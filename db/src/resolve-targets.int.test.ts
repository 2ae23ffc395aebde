import { parseAlertRule } from "@faultline/core";
import { createTestProject, openDatabase, resetState } from "../../test/support/harness";
import { createAlertRulesRepo } from "./alert-rules.repo";
import type { Database } from "./client";
import { createNotificationDeliveriesRepo, type NewDelivery } from "./notification-deliveries.repo";

let db: Database;
beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
});

async function issue(projectId: number, n: number): Promise<bigint> {
  const row = await db.issue.create({
    data: {
      projectId,
      shortId: n,
      primaryHash: `hash-${n}`,
      title: `Error ${n}`,
      culprit: "app.js",
      level: "error",
      firstSeen: new Date(),
      lastSeen: new Date(),
    },
    select: { id: true },
  });
  return row.id;
}

it("finds the PagerDuty/Opsgenie targets told about an issue since its last resolve, digests included", async () => {
  const { projectId } = await createTestProject(db, "Shop");
  const parsed = parseAlertRule({
    name: "Paging",
    triggers: [{ type: "first_seen" }],
    actions: [{ type: "pagerduty", routingKey: "R0ut1ngK3yR0ut1ngK3yR0ut1ngK3y12" }],
  });
  if (!parsed.ok) throw new Error(parsed.detail);
  const rule = await createAlertRulesRepo(db).create(projectId, parsed.value);
  const [first, second, other] = [await issue(projectId, 1), await issue(projectId, 2), await issue(projectId, 3)];
  const deliveries = createNotificationDeliveriesRepo(db);
  const row = (issueId: bigint, kind: NewDelivery["kind"], channel: NewDelivery["channel"], listed: bigint[]) => ({
    projectId,
    ruleId: rule.id,
    firingId: null,
    issueId,
    kind,
    channel,
    target: "key …3y12",
    payload: { kind, issues: listed.map((id) => ({ id: String(id) })) },
  });
  const ids = await deliveries.create([
    // A digest that listed both issues (the delivery names the first), and an email alert.
    row(first, "digest", "pagerduty", [first, second]),
    row(second, "alert", "email", [second]),
    row(other, "alert", "opsgenie", [other]),
  ]);
  for (const id of ids) await deliveries.markSent(id, null);

  const told = (issueId: bigint) => deliveries.toldSinceLastResolve(projectId, issueId, ["pagerduty", "opsgenie"]);
  expect(await told(second)).toEqual([{ ruleId: rule.id, channel: "pagerduty", target: "key …3y12" }]);
  expect(await told(other)).toEqual([{ ruleId: rule.id, channel: "opsgenie", target: "key …3y12" }]);

  // Once a resolve went out for the issue, the same old alerts are not told again.
  await deliveries.create([row(second, "resolve", "pagerduty", [second])]);
  expect(await told(second)).toEqual([]);
  expect(await told(first)).toHaveLength(1);
});
