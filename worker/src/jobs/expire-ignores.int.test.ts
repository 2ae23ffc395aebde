import { generateEventId } from "@faultline/core";
import type { Database } from "@faultline/db";
import type { IngestQueue } from "@faultline/runtime";
import {
  createTestProject,
  openDatabase,
  openTestQueue,
  resetState,
  silentLog,
  startTestWorker,
  waitForQueueDrained,
} from "../../../test/support/harness";
import type { RunningWorker } from "../runtime";
import { createExpireIgnoresHandler } from "./expire-ignores";

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

it("issues ignored until a time that has passed, or until more users than they now have, are unresolved again, with an activity entry; the others stay", async () => {
  const project = await createTestProject(db, "Snoozes");
  for (const type of ["Expired", "Later", "Forever", "Users"])
    await queue.enqueueEvent({
      projectId: project.projectId,
      eventId: generateEventId(),
      receivedAt: Date.now(),
      event: { platform: "node", user: { id: "u1" }, exception: { values: [{ type: `${type}Error`, value: "x" }] } },
    });
  await waitForQueueDrained(queue);
  const issues = await db.issue.findMany({ select: { id: true, title: true } });
  const idOf = (prefix: string) => issues.find((issue) => issue.title.startsWith(prefix))?.id as bigint;
  const minute = 60_000;
  await db.issue.update({
    where: { id: idOf("Expired") },
    data: { status: "ignored", ignoreUntil: new Date(Date.now() - minute), statusDetails: { ignoreUntil: "x" } },
  });
  await db.issue.update({
    where: { id: idOf("Later") },
    data: { status: "ignored", ignoreUntil: new Date(Date.now() + 60 * minute) },
  });
  await db.issue.update({ where: { id: idOf("Forever") }, data: { status: "ignored" } });
  // Ignored until one more user (of its one): reached once a second user shows up.
  await db.issue.update({ where: { id: idOf("Users") }, data: { status: "ignored", ignoreUntilUserCount: 2 } });
  await createExpireIgnoresHandler({ db, log: silentLog })();
  expect((await db.issue.findUnique({ where: { id: idOf("Users") } }))?.status).toBe("ignored");
  await db.issue.update({ where: { id: idOf("Users") }, data: { userCount: 2 } });

  await createExpireIgnoresHandler({ db, log: silentLog })();

  const after = await db.issue.findMany({
    select: { title: true, status: true, ignoreUntil: true, statusDetails: true },
  });
  const statusOf = (prefix: string) => after.find((issue) => issue.title.startsWith(prefix));
  expect(statusOf("Expired")).toMatchObject({ status: "unresolved", ignoreUntil: null, statusDetails: {} });
  expect(statusOf("Later")?.status).toBe("ignored");
  expect(statusOf("Forever")?.status).toBe("ignored");
  expect(statusOf("Users")?.status).toBe("unresolved");
  const activity = await db.issueActivity.findMany({ where: { type: "set_unresolved" } });
  expect(activity.map((entry) => entry.issueId).sort()).toEqual([idOf("Expired"), idOf("Users")].sort());
});
