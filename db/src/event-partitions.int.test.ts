import { generateEventId } from "@faultline/core";
import { createTestProject, openDatabase, resetState } from "../../test/support/harness";
import type { Database } from "./client";
import { dropEventPartitionsBefore, ensureEventPartitions, utcDay } from "./event-partitions.repo";
import type { StoredEventInput } from "./event-batch/types";
import { createEventsRepo } from "./events.repo";
import { forgetUser } from "./forget-user.repo";
import { createIngestItemsRepo } from "./ingest-items.repo";
import { createIssueMergeRepo } from "./issue-merge.repo";
import { createIssueEventsRepo } from "./issue-events.repo";
import { applyRetention } from "./retention.repo";

const DAY = 86_400_000;
let db: Database;
let projectId: number;

beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await dropPastPartitions();
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  // Partitions of past days made by an earlier test would keep its days out of the default partition.
  await dropPastPartitions();
  projectId = (await createTestProject(db)).projectId;
});

/** Drops this database's partitions of days before yesterday (the migrations made the rest). */
async function dropPastPartitions() {
  await dropEventPartitionsBefore(db, utcDay(new Date(Date.now() - DAY)));
  await dropEventPartitionsBefore(db, utcDay(new Date(Date.now() - DAY)), "attachment");
}

function daysAgo(days: number, hours = 0): Date {
  return new Date(utcDay(new Date()).getTime() - days * DAY + hours * 3_600_000);
}

function event(at: Date, overrides: Partial<StoredEventInput> = {}): StoredEventInput {
  return {
    projectId,
    eventId: generateEventId(),
    hashes: ["a".repeat(32)],
    groupingVersion: "test",
    title: "Error: boom",
    culprit: "",
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
    userKey: null,
    data: { message: "boom" },
    ...overrides,
  };
}

async function partitionOf(eventId: string): Promise<string | undefined> {
  const [row] = await db.$queryRaw<{ part: string }[]>`
    SELECT tableoid::regclass::text AS part FROM event WHERE replace(event_id::text, '-', '') = ${eventId}`;
  return row?.part;
}

async function partitions(): Promise<string[]> {
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'event'::regclass ORDER BY 1`;
  return rows.map((row) => row.name);
}

const nameOf = (day: Date) => `event_p${day.toISOString().slice(0, 10).replaceAll("-", "")}`;

it("stores today's events in today's partition and a day without one in the default partition", async () => {
  const today = event(new Date());
  const old = event(daysAgo(20, 5));
  await createEventsRepo(db).storeEvents([today, old]);
  expect(await partitionOf(today.eventId)).toBe(nameOf(daysAgo(0)));
  expect(await partitionOf(old.eventId)).toBe("event_default");
});

it("makes missing days' partitions ahead and behind, moving their events out of the default partition", async () => {
  const old = event(daysAgo(2, 7));
  await createEventsRepo(db).storeEvents([old]);
  expect(await partitionOf(old.eventId)).toBe("event_default");

  const made = await ensureEventPartitions(db, new Date(), 3, 10);
  expect(made).toBeGreaterThanOrEqual(3);
  expect(await partitions()).toEqual(expect.arrayContaining([nameOf(daysAgo(2)), nameOf(daysAgo(-10))]));
  expect(await partitionOf(old.eventId)).toBe(nameOf(daysAgo(2)));
  // Still found by its id, and a second run makes nothing.
  expect((await createIssueEventsRepo(db).byEventId(projectId, old.eventId))?.event_id.replaceAll("-", "")).toBe(
    old.eventId,
  );
  expect(await ensureEventPartitions(db, new Date(), 3, 10)).toBe(0);
});

it("stores an event id once, also when a retry carries another timestamp", async () => {
  const first = event(daysAgo(0, 1));
  const retry = { ...first, timestamp: new Date(first.timestamp.getTime() + 60_000) };
  const [stored] = await createEventsRepo(db).storeEvents([first]);
  const [again] = await createEventsRepo(db).storeEvents([retry, first]);
  expect(stored?.stored).toBe(true);
  expect(again).toMatchObject({ stored: false, reason: "duplicate" });
  expect(await db.event.count()).toBe(1);
  expect((await db.issue.findFirstOrThrow()).storedEvents).toBe(1);
});

it("drops the partitions of days past every project's retention, without deleting rows", async () => {
  await ensureEventPartitions(db, daysAgo(95), 2, 2);
  const expired = [event(daysAgo(93, 1)), event(daysAgo(93, 20)), event(daysAgo(92, 3))];
  const kept = event(daysAgo(5));
  await createEventsRepo(db).storeEvents([...expired, kept]);
  expect(await partitionOf(expired[0]!.eventId)).toBe(nameOf(daysAgo(93)));

  const result = await applyRetention(db, { retentionDays: 90, maxEventsPerIssue: 0, batchSize: 100 });
  expect(result.droppedPartitions).toBeGreaterThanOrEqual(2);
  expect(result.expiredEvents).toBe(3);
  expect(await partitions()).not.toContain(nameOf(daysAgo(93)));
  expect(await partitions()).not.toContain(nameOf(daysAgo(92)));
  expect(await db.event.count()).toBe(1);
  // An issue keeps its counts when its events go.
  expect((await db.issue.findFirstOrThrow()).timesSeen).toBe(4);
});

it("keeps partitions a project with a longer retention still needs, deleting the shorter one's rows", async () => {
  const other = (await createTestProject(db, "Keeps longer")).projectId;
  await db.project.update({ where: { id: other }, data: { eventRetentionDays: 120 } });
  await ensureEventPartitions(db, daysAgo(95), 1, 1);
  const mine = event(daysAgo(95, 2));
  const theirs = event(daysAgo(95, 3), { projectId: other });
  await createEventsRepo(db).storeEvents([mine, theirs]);

  const result = await applyRetention(db, { retentionDays: 90, maxEventsPerIssue: 0, batchSize: 100 });
  expect(result).toMatchObject({ droppedPartitions: 0, expiredEvents: 1 });
  expect(await partitions()).toContain(nameOf(daysAgo(95)));
  expect(await partitionOf(theirs.eventId)).toBe(nameOf(daysAgo(95)));
  expect(await partitionOf(mine.eventId)).toBeUndefined();
});

it("trims only issues whose stored count is over the cap, and sets the count to what is left", async () => {
  await db.project.update({ where: { id: projectId }, data: { maxEventsPerIssue: 3 } });
  const crowded = Array.from({ length: 6 }, (_, i) => event(daysAgo(0, i), { hashes: ["c".repeat(32)] }));
  const quiet = [event(daysAgo(0, 1), { hashes: ["q".repeat(32)] })];
  await createEventsRepo(db).storeEvents([...crowded, ...quiet]);
  const before = await db.issue.findMany({ orderBy: { id: "asc" }, select: { storedEvents: true } });
  expect(before.map((issue) => issue.storedEvents)).toEqual([6, 1]);

  const result = await applyRetention(db, { retentionDays: 90, maxEventsPerIssue: 0, batchSize: 100 });
  expect(result.trimmedEvents).toBe(3);
  const after = await db.issue.findMany({ orderBy: { id: "asc" }, select: { storedEvents: true, timesSeen: true } });
  expect(after).toEqual([
    { storedEvents: 3, timesSeen: 6 },
    { storedEvents: 1, timesSeen: 1 },
  ]);
});

it("stores an attachment once per day partition and drops attachments by the day with their events", async () => {
  const items = createIngestItemsRepo(db);
  const attachment = {
    projectId,
    eventId: generateEventId(),
    filename: "log.txt",
    contentType: "text/plain",
    attachmentType: "event.attachment",
    data: Buffer.from("hello"),
  };
  await items.storeAttachment(attachment);
  await items.storeAttachment(attachment);
  const [stored] = await db.$queryRaw<{ part: string; n: number }[]>`
    SELECT min(tableoid::regclass::text) AS part, count(*)::int AS n FROM attachment`;
  expect(stored).toEqual({ part: `attachment_p${nameOf(daysAgo(0)).slice(7)}`, n: 1 });

  // One that arrived 95 days ago, in its own day's partition.
  await ensureEventPartitions(db, daysAgo(95), 1, 1);
  await db.$executeRaw`
    INSERT INTO attachment (project_id, event_id, filename, content_type, attachment_type, size, sha1, data, created_at)
    VALUES (${projectId}, ${generateEventId()}::uuid, 'old.txt', 'text/plain', 'event.attachment', 3, 'x', '\\x010203'::bytea, ${daysAgo(95, 1)})`;
  const result = await applyRetention(db, { retentionDays: 90, maxEventsPerIssue: 0, batchSize: 100 });
  expect(result.expiredAttachments).toBe(1);
  const left = await db.attachment.findMany({ select: { filename: true } });
  expect(left).toEqual([{ filename: "log.txt" }]);
  const [partition] = await db.$queryRaw<{ found: string | null }[]>`
    SELECT to_regclass(${`attachment_p${nameOf(daysAgo(95)).slice(7)}`})::text AS found`;
  expect(partition?.found).toBeNull();
});

it("takes a forgotten user's events off their issue's stored count", async () => {
  const user = { data: { user: { id: "u-1" } } };
  await createEventsRepo(db).storeEvents([
    event(daysAgo(0, 1), user),
    event(daysAgo(0, 2), user),
    event(daysAgo(0, 3)),
  ]);
  expect((await db.issue.findFirstOrThrow()).storedEvents).toBe(3);
  await forgetUser(db, projectId, "u-1");
  expect((await db.issue.findFirstOrThrow()).storedEvents).toBe(1);
});

it("moves stored counts with merged and unmerged events", async () => {
  const [a, b] = ["a".repeat(32), "b".repeat(32)];
  const outcomes = await createEventsRepo(db).storeEvents([
    event(daysAgo(0, 1), { hashes: [a] }),
    event(daysAgo(0, 2), { hashes: [a] }),
    event(daysAgo(0, 3), { hashes: [b] }),
  ]);
  const [parent, child] = [outcomes[0], outcomes[2]].map((outcome) => (outcome?.stored ? outcome.issueId : 0n));
  const merges = createIssueMergeRepo(db);
  await merges.merge(parent!, [child!], null);
  expect((await db.issue.findUniqueOrThrow({ where: { id: parent! } })).storedEvents).toBe(3);
  const moved = await merges.unmerge(parent!, projectId, [b], null);
  expect((await db.issue.findUniqueOrThrow({ where: { id: moved } })).storedEvents).toBe(1);
  expect((await db.issue.findUniqueOrThrow({ where: { id: parent! } })).storedEvents).toBe(2);
});
