import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { generateEventId } from "@faultline/core";
import { createDatabase, createEventsRepo, type Database } from "@faultline/db";
import { Client } from "pg";
import { bearerFor, createTestUser } from "../support/api";
import { databaseUrl, testDatabaseName } from "../support/databases";
import { startTestServer, type TestServer } from "../support/harness";

/**
 * An install upgraded with events in it: every migration before the partitioning ones applied,
 * events written the way the old schema took them (over months, some years old, some ahead),
 * then `prisma migrate deploy` as an operator's upgrade runs it. Every event must still be there,
 * in its day's partition, and readable through the API.
 */
const ROOT = path.resolve(__dirname, "../..");
const PARTITIONING = "20261205035500_event_partitions";
const NAME = testDatabaseName("upgrade");
const URL = databaseUrl(NAME);
// Inside the checkout, so the copied prisma.config.ts finds the project's node_modules.
const OLD_CHECKOUT = path.join(ROOT, `.upgrade-test-${NAME}`);
const EVENTS = 500;
const ISSUES = 40;

let pg: Client;
let db: Database | undefined;
let server: TestServer | undefined;

function migrate(cwd: string) {
  execFileSync(process.execPath, [require.resolve("prisma/build/index.js"), "migrate", "deploy"], {
    cwd,
    env: { ...process.env, DATABASE_URL: URL },
    stdio: "pipe",
  });
}

/** A copy of prisma/ with only the migrations that came before partitioning. */
function oldCheckout() {
  rmSync(OLD_CHECKOUT, { recursive: true, force: true });
  mkdirSync(path.join(OLD_CHECKOUT, "prisma/migrations"), { recursive: true });
  cpSync(path.join(ROOT, "prisma.config.ts"), path.join(OLD_CHECKOUT, "prisma.config.ts"));
  cpSync(path.join(ROOT, "prisma/schema.prisma"), path.join(OLD_CHECKOUT, "prisma/schema.prisma"));
  cpSync(
    path.join(ROOT, "prisma/migrations/migration_lock.toml"),
    path.join(OLD_CHECKOUT, "prisma/migrations/migration_lock.toml"),
  );
  for (const entry of readdirSync(path.join(ROOT, "prisma/migrations"), { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name < PARTITIONING)
      cpSync(
        path.join(ROOT, "prisma/migrations", entry.name),
        path.join(OLD_CHECKOUT, "prisma/migrations", entry.name),
        {
          recursive: true,
        },
      );
  }
}

beforeAll(async () => {
  const admin = new Client({ connectionString: databaseUrl("postgres") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${NAME}`);
  await admin.end();
  oldCheckout();
  migrate(OLD_CHECKOUT);
  pg = new Client({ connectionString: URL });
  await pg.connect();
}, 120_000);

afterAll(async () => {
  await server?.close();
  await db?.$disconnect();
  await pg?.end();
  rmSync(OLD_CHECKOUT, { recursive: true, force: true });
});

/** Events as the old schema stored them: most within 120 days, some 2 years old, some a month ahead. */
async function seedOldInstall() {
  await pg.query(`
    WITH org AS (INSERT INTO organization (slug, name) VALUES ('acme', 'Acme') RETURNING id)
    INSERT INTO project (organization_id, slug, name, platform, last_short_id)
    SELECT id, 'app', 'App', 'node', ${ISSUES} FROM org`);
  await pg.query(`
    INSERT INTO issue (project_id, short_id, primary_hash, title, culprit, level, type, metadata, status, first_seen, last_seen, times_seen)
    SELECT p.id, n, md5(n::text), 'Error: failure ' || n, 'app.js', 'error', 'error', '{}'::jsonb, 'unresolved', now(), now(), 0
    FROM project p, generate_series(1, ${ISSUES}) AS n`);
  await pg.query(`
    INSERT INTO event (project_id, issue_id, event_id, timestamp, received_at, level, platform, message, title, tags, data, primary_hash)
    SELECT i.project_id, i.id, md5(n::text)::uuid, ts, ts, 'error', 'node', '', i.title,
           jsonb_build_array(jsonb_build_array('level', 'error')),
           json_build_object('event_id', md5(n::text), 'message', 'boom ' || n, 'platform', 'node', 'level', 'error'),
           i.primary_hash
    FROM (SELECT n, CASE WHEN n % 100 = 0 THEN now() - interval '730 days' * random()
                         WHEN n % 101 = 0 THEN now() + interval '30 days' * random()
                         ELSE now() - interval '120 days' * random() END AS ts
          FROM generate_series(1, ${EVENTS}) AS n) e
    JOIN issue i ON i.short_id = 1 + n % ${ISSUES}`);
  await pg.query(`
    INSERT INTO attachment (project_id, event_id, filename, content_type, attachment_type, size, sha1, data, created_at)
    SELECT project_id, event_id, 'log.txt', 'text/plain', 'event.attachment', 5, md5(event_id::text), 'hello'::bytea, timestamp
    FROM event ORDER BY id LIMIT 50`);
  await pg.query(`
    UPDATE issue i SET times_seen = c.n FROM (SELECT issue_id, count(*) AS n FROM event GROUP BY 1) c WHERE i.id = c.issue_id`);
}

const fingerprint = `SELECT count(*)::int AS n, md5(string_agg(id || ':' || event_id || ':' || issue_id || ':' || timestamp || ':' || data::text, ',' ORDER BY id)) AS sum FROM event`;

it("converts an install's events to daily partitions in place, every event still readable", async () => {
  await seedOldInstall();
  const before = (await pg.query<{ n: number; sum: string }>(fingerprint)).rows[0];
  expect(before?.n).toBe(EVENTS);

  migrate(ROOT);

  const after = (await pg.query<{ n: number; sum: string }>(fingerprint)).rows[0];
  expect(after).toEqual(before);
  const partitioned = await pg.query(
    `SELECT 1 FROM pg_partitioned_table WHERE partrelid IN ('event'::regclass, 'attachment'::regclass)`,
  );
  expect(partitioned.rowCount).toBe(2);
  const attachments = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM attachment`);
  expect(attachments.rows[0]?.n).toBe(50);
  // Each event from the last 400 days to a week ahead is in its own day's partition; the default
  // partition holds the rest (it makes no partitions for single stray days far away).
  const placement = await pg.query<{ misplaced: number; defaulted: number; stray: number }>(`
    SELECT count(*) FILTER (WHERE tableoid::regclass::text <> 'event_default'
                              AND tableoid::regclass::text <> 'event_p' || to_char(timestamp AT TIME ZONE 'UTC', 'YYYYMMDD'))::int AS misplaced,
           count(*) FILTER (WHERE tableoid::regclass::text = 'event_default')::int AS defaulted,
           count(*) FILTER (WHERE timestamp < now() - interval '400 days' OR timestamp >= now() + interval '8 days')::int AS stray
    FROM event`);
  expect(placement.rows[0]?.misplaced).toBe(0);
  expect(placement.rows[0]?.defaulted).toBe(placement.rows[0]?.stray);
  expect(placement.rows[0]?.defaulted).toBeLessThan(EVENTS / 20);
  // Each issue knows how many events it has stored.
  const counts = await pg.query(`
    SELECT 1 FROM issue i WHERE stored_events <> (SELECT count(*) FROM event e WHERE e.issue_id = i.id)`);
  expect(counts.rowCount).toBe(0);

  db = createDatabase({ url: URL, poolSize: 5 });
  server = await startTestServer(db);
  const user = await createTestUser(db, "owner@example.com", { acme: "owner" });
  const auth = await bearerFor(db, user.id);
  const get = async (pathname: string) => {
    const res = await fetch(`${server!.url}/api/0${pathname}`, { headers: { Authorization: auth } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const stored = await pg.query<{ event_id: string; issue_id: string }>(
    `SELECT replace(event_id::text, '-', '') AS event_id, issue_id::text FROM event ORDER BY id`,
  );
  for (const { event_id: eventId, issue_id: issueId } of stored.rows) {
    const { status, body } = await get(`/projects/acme/app/events/${eventId}/`);
    expect({ eventId, status }).toEqual({ eventId, status: 200 });
    expect(body.groupID).toBe(issueId);
  }
  const issues = await pg.query<{ id: string }>(`SELECT id::text FROM issue`);
  for (const { id } of issues.rows) {
    expect((await get(`/issues/${id}/events/latest/`)).status).toBe(200);
  }

  // New events go on with fresh ids, and a retry of an old one is still recognised.
  const [maxId] = (await pg.query<{ max: string }>(`SELECT max(id)::text AS max FROM event`)).rows;
  const [latest] = (
    await pg.query<{ event_id: string; timestamp: Date }>(
      `SELECT replace(event_id::text, '-', '') AS event_id, timestamp FROM event WHERE timestamp <= now() ORDER BY timestamp DESC LIMIT 1`,
    )
  ).rows;
  const input = {
    projectId: (await db.project.findFirstOrThrow()).id,
    hashes: [(await db.issue.findFirstOrThrow({ where: { shortId: 2 } })).primaryHash],
    groupingVersion: "test",
    title: "Error: after the upgrade",
    culprit: "",
    level: "error",
    type: "error",
    metadata: {},
    platform: "node",
    release: null,
    environment: null,
    message: "",
    tags: [],
    userKey: null,
    data: { message: "after" },
  };
  const outcomes = await createEventsRepo(db).storeEvents([
    { ...input, eventId: generateEventId(), timestamp: new Date(), receivedAt: new Date() },
    { ...input, eventId: latest!.event_id, timestamp: latest!.timestamp, receivedAt: new Date() },
  ]);
  expect(outcomes.map((outcome) => outcome.stored)).toEqual([true, false]);
  const [fresh] = (await pg.query<{ id: string }>(`SELECT id::text FROM event WHERE data->>'message' = 'after'`)).rows;
  expect(BigInt(fresh!.id)).toBeGreaterThan(BigInt(maxId!.max));
}, 600_000);
