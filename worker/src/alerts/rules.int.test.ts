import type { Database } from "@faultline/db";
import type { IngestQueue } from "@faultline/runtime";
import { createRule, errorJob, testNotifySettings } from "../../../test/support/alerts";
import {
  createTestProject,
  openDatabase,
  openTestQueue,
  resetState,
  startTestWorker,
  waitFor,
  waitForQueueDrained,
} from "../../../test/support/harness";
import { startSmtpReceiver, type SmtpReceiver } from "../../../test/support/notify-receivers";
import type { RunningWorker } from "../runtime";

let db: Database;
let queue: IngestQueue;
let workers: RunningWorker[] = [];
let smtp: SmtpReceiver;
let projectId: number;

const EMAIL = [{ type: "email", targets: ["oncall@example.com"] }];

beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  projectId = (await createTestProject(db, "Checkout API")).projectId;
  queue = await openTestQueue();
  smtp = await startSmtpReceiver();
});
afterEach(async () => {
  await Promise.all(workers.map((worker) => worker.close()));
  workers = [];
  await queue.close();
  await smtp.close();
});

function startWorker(concurrency = 4): RunningWorker {
  const worker = startTestWorker(db, concurrency, {
    notify: testNotifySettings({ email: { smtpUrl: smtp.url, from: "alerts@faultline.example.com" } }),
    rulesCacheMs: 0,
  });
  workers.push(worker);
  return worker;
}

/** Waits until events are processed and every alert job (evaluation, delivery) is done. */
async function settle() {
  await waitForQueueDrained(queue);
  for (const worker of workers) {
    await waitFor(
      async () => {
        const counts = await worker.alerts.queue.queue.getJobCounts("waiting", "active", "prioritized");
        return Object.values(counts).every((count) => count === 0);
      },
      15_000,
      "the alerts queue to drain",
    );
  }
}

const firings = () => db.alertFiring.count();

describe("rules through the real worker", () => {
  it("first seen fires once; the same issue's next event within the interval does not", async () => {
    await createRule(db, projectId, {
      triggers: [{ type: "first_seen" }, { type: "event_frequency", value: 2, interval: "1h" }],
      actions: EMAIL,
    });
    startWorker();
    await queue.enqueueEvent(errorJob(projectId));
    await waitFor(async () => smtp.mails.length === 1, 10_000, "the first email");
    await queue.enqueueEvent(errorJob(projectId));
    await queue.enqueueEvent(errorJob(projectId));
    await settle();
    expect(await db.event.count()).toBe(3);
    expect(await firings()).toBe(1);
    expect(smtp.mails).toHaveLength(1);
    const [firing] = await db.alertFiring.findMany();
    expect(firing?.triggers).toEqual(["first_seen"]);
  });

  it("a regression fires", async () => {
    await createRule(db, projectId, { triggers: [{ type: "regression" }], actions: EMAIL });
    startWorker();
    await queue.enqueueEvent(errorJob(projectId));
    await settle();
    expect(await firings()).toBe(0);
    await db.issue.updateMany({ data: { status: "resolved" } });
    await queue.enqueueEvent(errorJob(projectId));
    await waitFor(async () => smtp.mails.length === 1, 10_000, "the regression email");
    expect(smtp.mails[0]?.parsed.subject).toMatch(/^\[acme\/checkout-api\] Regression · ERROR · /);
    expect((await db.alertFiring.findFirstOrThrow()).triggers).toEqual(["regression"]);
  });

  it("100 events in the window fire the frequency trigger once", async () => {
    await createRule(db, projectId, {
      triggers: [{ type: "event_frequency", value: 100, interval: "1h" }],
      actions: EMAIL,
    });
    startWorker(16);
    await Promise.all(Array.from({ length: 99 }, () => queue.enqueueEvent(errorJob(projectId))));
    await settle();
    expect(await firings()).toBe(0);
    await Promise.all(Array.from({ length: 11 }, () => queue.enqueueEvent(errorJob(projectId))));
    await settle();
    await waitFor(async () => smtp.mails.length === 1, 10_000, "the frequency email");
    expect(await db.event.count()).toBe(110);
    expect(await firings()).toBe(1);
    expect(smtp.mails[0]?.parsed.subject).toMatch(/ Frequent · ERROR · /);
  });

  it("filters exclude what they should", async () => {
    await createRule(db, projectId, {
      triggers: [{ type: "first_seen" }],
      filters: [
        { type: "level", match: "gte", level: "error" },
        { type: "environment", value: "production" },
        { type: "tag", key: "browser", match: "starts_with", value: "Chrome" },
      ],
      actions: EMAIL,
    });
    startWorker();
    await queue.enqueueEvent(
      errorJob(projectId, "staging", { environment: "staging", tags: { browser: "Chrome 120" } }),
    );
    await queue.enqueueEvent(errorJob(projectId, "warning", { level: "warning", tags: { browser: "Chrome 120" } }));
    await queue.enqueueEvent(errorJob(projectId, "firefox", { tags: { browser: "Firefox 120" } }));
    await queue.enqueueEvent(errorJob(projectId, "untagged"));
    await settle();
    expect(await firings()).toBe(0);
    await queue.enqueueEvent(errorJob(projectId, "matching", { tags: { browser: "Chrome 120" } }));
    await waitFor(async () => smtp.mails.length === 1, 10_000, "the matching email");
    expect(smtp.mails[0]?.parsed.subject).toContain("card declined in matching");
  });

  it("two worker processes on one queue → one firing", async () => {
    await createRule(db, projectId, {
      triggers: [{ type: "event_frequency", value: 5, interval: "1h" }],
      actions: EMAIL,
    });
    startWorker(8);
    startWorker(8);
    await Promise.all(Array.from({ length: 60 }, () => queue.enqueueEvent(errorJob(projectId))));
    await settle();
    await waitFor(async () => smtp.mails.length >= 1, 10_000, "an email");
    await settle();
    expect(await db.event.count()).toBe(60);
    expect(await firings()).toBe(1);
    expect(smtp.mails).toHaveLength(1);
  });

  it("a digest batches three new issues into one email per recipient", async () => {
    await createRule(db, projectId, {
      triggers: [{ type: "first_seen" }],
      actions: [{ type: "email", targets: ["oncall@example.com", "lead@example.com"] }],
      digestMinutes: 15,
    });
    const worker = startWorker();
    for (const name of ["one", "two", "three"]) await queue.enqueueEvent(errorJob(projectId, name));
    await settle();
    expect(await firings()).toBe(3);
    expect(smtp.mails).toHaveLength(0);
    // The digest job waits 15 minutes; bring it forward instead of waiting.
    const delayed = await worker.alerts.queue.queue.getDelayed();
    expect(delayed.map((job) => job.name)).toEqual(["alert.digest"]);
    expect(delayed[0]?.opts.delay).toBe(15 * 60_000);
    await delayed[0]?.promote();
    await waitFor(async () => smtp.mails.length === 2, 10_000, "two digest emails");
    for (const mail of smtp.mails) {
      expect(mail.parsed.subject).toBe("[acme/checkout-api] 3 issues in Checkout API in the last 15 minutes");
      for (const name of ["one", "two", "three"]) expect(mail.parsed.text).toContain(`card declined in ${name}`);
    }
    expect(smtp.mails.map((mail) => mail.to[0]).sort()).toEqual(["lead@example.com", "oncall@example.com"]);
    expect(await db.notificationDelivery.findMany({ select: { kind: true } })).toEqual([
      { kind: "digest" },
      { kind: "digest" },
    ]);
  });

  it("a snoozed rule stays quiet until its time", async () => {
    const rule = await createRule(db, projectId, {
      triggers: [{ type: "first_seen" }],
      actions: EMAIL,
      snoozedUntil: new Date(Date.now() + 3_600_000).toISOString(),
    });
    startWorker();
    await queue.enqueueEvent(errorJob(projectId, "during"));
    await settle();
    expect(await firings()).toBe(0);
    await db.alertRule.update({ where: { id: rule.id }, data: { snoozedUntil: new Date(Date.now() - 1000) } });
    await queue.enqueueEvent(errorJob(projectId, "after"));
    await waitFor(async () => smtp.mails.length === 1, 10_000, "the email after the snooze");
    expect(smtp.mails[0]?.parsed.subject).toContain("card declined in after");
  });
});
