import { generateEventId } from "@faultline/core";
import type { Database } from "@faultline/db";
import type { IngestQueue } from "@faultline/runtime";
import type { RunningWorker } from "@faultline/worker";
import { runCli } from "../support/cli";
import {
  createTestProject,
  openDatabase,
  openTestQueue,
  resetState,
  startTestWorker,
  waitForQueueDrained,
} from "../support/harness";

let db: Database;
let queue: IngestQueue;
let worker: RunningWorker;

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  queue = await openTestQueue();
  worker = startTestWorker(db);
});
afterAll(async () => {
  await worker.close();
  await queue.close();
  await db.$disconnect();
});

function event(type: string, user: Record<string, string>, tags: Record<string, string>) {
  return {
    platform: "python",
    user,
    tags,
    exception: {
      values: [
        { type, value: "boom", stacktrace: { frames: [{ module: "shop.views", function: type, in_app: true }] } },
      ],
    },
  };
}

it("forget-user deletes one user's events, feedback and attachments and takes them off the counters", async () => {
  const project = await createTestProject(db, "Shop");
  const send = (e: Record<string, unknown>, eventId = generateEventId()) =>
    queue.enqueueEvent({ projectId: project.projectId, eventId, receivedAt: Date.now(), event: e });
  const aliceEventId = generateEventId();
  await send(event("KeyError", { id: "alice", email: "alice@example.com" }, { plan: "pro" }), aliceEventId);
  await send(event("KeyError", { id: "alice", email: "alice@example.com" }, { plan: "pro" }));
  await send(event("KeyError", { id: "bob" }, { plan: "free" }));
  await send(event("KeyError", { id: "carol" }, { plan: "free" }));
  await send(event("ValueError", { email: "alice@example.com" }, { plan: "pro" }));
  await waitForQueueDrained(queue);
  expect(await db.issue.count()).toBe(2);
  // Retention has already deleted carol's event: her part of the counts must stay.
  await db.$executeRaw`DELETE FROM event WHERE data->'user'->>'id' = 'carol'`;
  await db.userFeedback.create({
    data: {
      projectId: project.projectId,
      feedbackId: generateEventId(),
      eventId: aliceEventId,
      name: "Alice",
      email: "alice@example.com",
      comments: "it broke",
      source: "user_report",
    },
  });

  await db.sessionUser.create({
    data: { projectId: project.projectId, release: "shop@1", environment: "", did: "alice@example.com" },
  });

  const out = await runCli([
    "forget-user",
    "--project",
    `${project.organizationSlug}/${project.projectSlug}`,
    "--user",
    "alice@example.com",
    "--json",
  ]);
  expect(JSON.parse(out)).toEqual({
    deletedEvents: 3,
    recountedIssues: 1,
    deletedIssues: 1,
    deletedFeedback: 1,
    deletedAttachments: 0,
  });

  const [keyError] = await db.issue.findMany();
  // 4 counted (alice twice, bob, carol) minus alice's 2; users bob and carol.
  expect(keyError).toMatchObject({ title: "KeyError: boom", timesSeen: 2, userCount: 2 });
  const plans = await db.issueTagValue.findMany({ where: { key: "plan" }, select: { value: true, timesSeen: true } });
  expect(plans).toEqual([{ value: "free", timesSeen: 2 }]);
  const userTags = await db.issueTagValue.findMany({ where: { key: "user" }, select: { value: true } });
  expect(userTags.map((tag) => tag.value).sort()).toEqual(["id:bob", "id:carol"]);
  const rows = await db.$queryRaw<{ text: string }[]>`
    SELECT data::text AS text FROM event UNION ALL SELECT user_key FROM issue_user
    UNION ALL SELECT email FROM user_feedback UNION ALL SELECT value FROM issue_tag_value
    UNION ALL SELECT did FROM release_session_user`;
  expect(rows.map((row) => row.text).join()).not.toContain("alice");
  const hourly = await db.issueHourlyCount.aggregate({ _sum: { count: true } });
  expect(hourly._sum.count).toBe(2);
});
