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

it("an ignore with a window is a rate: events within the window reopen the issue as they arrive, users within the window in the sweep", async () => {
  const project = await createTestProject(db, "Rates");
  const send = async (type: string, userId: string) => {
    await queue.enqueueEvent({
      projectId: project.projectId,
      eventId: generateEventId(),
      receivedAt: Date.now(),
      event: { platform: "node", user: { id: userId }, exception: { values: [{ type, value: "x" }] } },
    });
    await waitForQueueDrained(queue);
  };
  await send("RateError", "u1");
  await send("UserRateError", "u1");
  const issueId = async (title: string) =>
    (await db.issue.findFirstOrThrow({ where: { projectId: project.projectId, title: { startsWith: title } } })).id;
  const rate = await issueId("RateError");
  const userRate = await issueId("UserRateError");
  // 3 events per hour; a long history outside the window must not count, so times_seen is far past 3.
  await db.issue.update({
    where: { id: rate },
    data: { status: "ignored", ignoreUntilCount: 3, ignoreWindow: 60, timesSeen: 500 },
  });
  await db.issueHourlyCount.create({ data: { issueId: rate, hour: new Date(Date.now() - 5 * 3_600_000), count: 400 } });
  await send("RateError", "u1");
  expect((await db.issue.findUniqueOrThrow({ where: { id: rate } })).status).toBe("ignored");
  await send("RateError", "u1");
  expect(await db.issue.findUniqueOrThrow({ where: { id: rate } })).toMatchObject({
    status: "unresolved",
    ignoreUntilCount: null,
    ignoreWindow: null,
  });

  // 2 users per day: u1 was seen now; an old user outside the window does not count.
  await db.issue.update({
    where: { id: userRate },
    data: { status: "ignored", ignoreUntilUserCount: 2, ignoreUserWindow: 1440, userCount: 50 },
  });
  const longAgo = new Date(Date.now() - 3 * 86_400_000);
  await db.issueUser.create({ data: { issueId: userRate, userKey: "id:old", firstSeen: longAgo, lastSeen: longAgo } });
  await createExpireIgnoresHandler({ db, log: silentLog })();
  expect((await db.issue.findUniqueOrThrow({ where: { id: userRate } })).status).toBe("ignored");
  await send("UserRateError", "u2");
  await createExpireIgnoresHandler({ db, log: silentLog })();
  expect(await db.issue.findUniqueOrThrow({ where: { id: userRate } })).toMatchObject({
    status: "unresolved",
    ignoreUntilUserCount: null,
    ignoreUserWindow: null,
  });
});
