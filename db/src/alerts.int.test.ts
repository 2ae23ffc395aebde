import { parseAlertRule, type AlertRule } from "@faultline/core";
import { createTestProject, openDatabase, resetState } from "../../test/support/harness";
import { createAlertFiringsRepo } from "./alert-firings.repo";
import { createAlertRulesRepo } from "./alert-rules.repo";
import { createAlertWindowsRepo } from "./alert-windows.repo";
import type { Database } from "./client";
import { createEventsRepo } from "./events.repo";
import { createNotificationDeliveriesRepo, type NewDelivery } from "./notification-deliveries.repo";
import { createSmsUsageRepo } from "./sms-usage.repo";

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

function rule(overrides: Record<string, unknown> = {}): AlertRule {
  const parsed = parseAlertRule({
    name: "On-call",
    triggers: [{ type: "first_seen" }],
    actions: [{ type: "email", targets: ["oncall@example.com"] }],
    ...overrides,
  });
  if (!parsed.ok) throw new Error(parsed.detail);
  return parsed.value;
}

async function storeEvent(projectId: number, eventId: string, at: Date, userKey: string | null = null) {
  const outcome = await createEventsRepo(db).storeEvent({
    projectId,
    eventId,
    hashes: ["h1"],
    groupingVersion: "test",
    title: "Error: boom",
    culprit: "app.js",
    level: "error",
    type: "error",
    metadata: {},
    timestamp: at,
    receivedAt: at,
    platform: "node",
    release: null,
    environment: null,
    message: "",
    tags: [],
    userKey,
    data: {},
  });
  if (!outcome.stored) throw new Error("not stored");
  return outcome.issueId;
}

describe("alert rules repository", () => {
  it("creates, reads, updates and deletes rules only within their project", async () => {
    const a = await createTestProject(db, "A");
    const b = await createTestProject(db, "B");
    const rules = createAlertRulesRepo(db);
    const created = await rules.create(a.projectId, rule({ snoozedUntil: "2030-01-01T00:00:00.000Z" }));
    expect(created).toMatchObject({
      projectId: a.projectId,
      name: "On-call",
      snoozedUntil: "2030-01-01T00:00:00.000Z",
    });
    expect(await rules.get(b.projectId, created.id)).toBeNull();
    expect(await rules.update(b.projectId, created.id, rule({ name: "stolen" }))).toBeNull();
    expect(await rules.remove(b.projectId, created.id)).toBe(false);
    expect((await rules.update(a.projectId, created.id, rule({ name: "Renamed", enabled: false })))?.name).toBe(
      "Renamed",
    );
    expect(await rules.listEnabled(a.projectId)).toEqual([]);
    expect(await rules.list(a.projectId)).toHaveLength(1);
    expect(await rules.remove(a.projectId, created.id)).toBe(true);
    expect(await rules.list(a.projectId)).toEqual([]);
  });
});

describe("firings and deliveries", () => {
  it("records a firing once per rule, issue and event, with its deliveries", async () => {
    const project = await createTestProject(db);
    const stored = await createAlertRulesRepo(db).create(project.projectId, rule());
    const issueId = await storeEvent(project.projectId, "a".repeat(32), new Date());
    const firings = createAlertFiringsRepo(db);
    const input = {
      ruleId: stored.id,
      projectId: project.projectId,
      issueId,
      eventId: "a".repeat(32),
      triggers: ["first_seen"],
      digestPending: false,
    };
    const delivery = (firingId: bigint): NewDelivery[] => [
      {
        projectId: project.projectId,
        ruleId: stored.id,
        firingId,
        issueId,
        kind: "alert",
        channel: "email",
        target: "x@example.com",
        payload: {},
      },
    ];
    const first = await firings.recordFiring(input, delivery);
    const again = await firings.recordFiring(input, delivery);
    expect(first.created).toBe(true);
    expect(again).toEqual({ firingId: first.firingId, created: false, deliveryIds: first.deliveryIds });
    expect(await db.notificationDelivery.count()).toBe(1);

    const deliveries = createNotificationDeliveriesRepo(db);
    const [id] = first.deliveryIds as [bigint];
    expect((await deliveries.startAttempt(id))?.attempts).toBe(1);
    await deliveries.recordError(id, "smtp down", true);
    expect(await deliveries.startAttempt(id)).toBeNull();
    expect(await deliveries.requeue(project.projectId + 1, id)).toBeNull();
    expect((await deliveries.requeue(project.projectId, id))?.status).toBe("queued");
    await deliveries.markSent(id, "<m@x>");
    expect(await deliveries.get(project.projectId, id)).toMatchObject({
      status: "sent",
      attempts: 1,
      lastError: null,
      providerResponseId: "<m@x>",
    });
    expect(await firings.recordFiring(input, delivery)).toMatchObject({ created: false, deliveryIds: [] });
  });

  it("collects a digest rule's waiting firings exactly once", async () => {
    const project = await createTestProject(db);
    const stored = await createAlertRulesRepo(db).create(project.projectId, rule({ digestMinutes: 15 }));
    const firings = createAlertFiringsRepo(db);
    for (const n of [1, 2, 3]) {
      const eventId = String(n).repeat(32);
      const issueId = await storeEvent(project.projectId, eventId, new Date());
      await firings.recordFiring(
        {
          ruleId: stored.id,
          projectId: project.projectId,
          issueId,
          eventId,
          triggers: ["first_seen"],
          digestPending: true,
        },
        () => [],
      );
    }
    expect(await firings.hasPendingDigest(stored.id)).toBe(true);
    const seen: number[] = [];
    const make = (list: { id: bigint }[]): NewDelivery[] => {
      seen.push(list.length);
      return [
        {
          projectId: project.projectId,
          ruleId: stored.id,
          firingId: null,
          issueId: null,
          kind: "digest",
          channel: "email",
          target: "x@example.com",
          payload: {},
        },
      ];
    };
    const [one, two] = await Promise.all([
      firings.collectDigest(stored.id, make),
      firings.collectDigest(stored.id, make),
    ]);
    expect([...(one ?? []), ...(two ?? [])]).toHaveLength(1);
    expect(seen).toEqual([3]);
    expect(await firings.hasPendingDigest(stored.id)).toBe(false);
  });
});

describe("windows and caps", () => {
  it("counts events and users in a window, stopping at the threshold", async () => {
    const project = await createTestProject(db);
    const now = Date.now();
    let issueId = 0n;
    for (let n = 0; n < 6; n++) {
      const at = new Date(now - (n < 4 ? 60_000 : 2 * 3_600_000));
      issueId = await storeEvent(project.projectId, (n + 10).toString(16).padStart(32, "0"), at, `id:${n % 3}`);
    }
    const windows = createAlertWindowsRepo(db);
    const hourAgo = new Date(now - 3_600_000);
    expect(await windows.countEventsSince(issueId, hourAgo, 100)).toBe(4);
    expect(await windows.countEventsSince(issueId, hourAgo, 2)).toBe(2);
    expect(await windows.countEventsSince(issueId, new Date(now - 3 * 3_600_000), 100)).toBe(6);
    expect(await windows.countUsersSince(issueId, hourAgo, 100)).toBe(3);
    expect(await windows.latestRelease(project.projectId)).toBeNull();
  });

  it("never lets concurrent takers go over the daily SMS cap", async () => {
    const project = await createTestProject(db);
    const sms = createSmsUsageRepo(db);
    const taken = await Promise.all(Array.from({ length: 8 }, () => sms.take(project.projectId, 5)));
    expect(taken.filter(Boolean)).toHaveLength(5);
    expect(await sms.take(project.projectId, 5, new Date(Date.now() + 86_400_000))).toBe(true);
    expect(await sms.take(project.projectId, 0)).toBe(false);
  });
});
