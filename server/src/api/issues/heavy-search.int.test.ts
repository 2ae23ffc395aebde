import { createDatabase, type Database } from "@faultline/db";
import { Client } from "pg";
import { memberWithToken } from "../../../../test/support/api";
import { storeTestEvent } from "../../../../test/support/events";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  testUrls,
  waitFor,
  type TestServer,
} from "../../../../test/support/harness";

/**
 * A token holder cannot keep PostgreSQL busy: a query has at most 50 terms, and every query of
 * the server runs under API_STATEMENT_TIMEOUT_MS, answering 503 when it fires.
 */
let db: Database;
let apiDb: Database;
let server: TestServer;
let auth: string;
let issueId: string;
const STATEMENT_TIMEOUT_MS = 300;

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  const { projectId } = await createTestProject(db, "Checkout", "acme");
  issueId = String((await storeTestEvent(db, projectId)).issueId);
  auth = (await memberWithToken(db, "reader@acme.test", "acme", "member")).auth;
  // The server's own pool, as server.ts makes it with API_STATEMENT_TIMEOUT_MS.
  apiDb = createDatabase({ url: testUrls().databaseUrl, poolSize: 3, statementTimeoutMs: STATEMENT_TIMEOUT_MS });
  server = await startTestServer(apiDb);
});
afterAll(async () => {
  await server.close();
  await apiDb.$disconnect();
  await db.$disconnect();
});

async function get(path: string) {
  const res = await fetch(`${server.url}${path}`, {
    headers: { authorization: auth },
    // Hanging is the failure being tested: give up long before jest would.
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

test("700 terms are refused with a 400 naming the limit, for issue and event searches", async () => {
  const query = encodeURIComponent(Array(700).fill("!has:x").join(" "));
  for (const path of [
    `/api/0/projects/acme/checkout/issues/?query=${query}`,
    `/api/0/organizations/acme/issues/?query=${query}`,
    `/api/0/issues/${issueId}/events/?query=${query}`,
  ]) {
    const answer = await get(path);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ detail: expect.stringContaining("at most 50 terms") as string });
  }
  const fifty = encodeURIComponent(Array(50).fill("!has:x").join(" "));
  expect((await get(`/api/0/projects/acme/checkout/issues/?query=${fifty}`)).status).toBe(200);
});

test("a query held past the statement timeout answers 503 with a detail, and the server keeps serving", async () => {
  const locker = new Client({ connectionString: testUrls().databaseUrl });
  await locker.connect();
  try {
    // Another session holds the issue table: the list query waits on the lock until cancelled.
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE issue IN ACCESS EXCLUSIVE MODE");
    const answer = await get("/api/0/projects/acme/checkout/issues/?query=");
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({ detail: expect.stringContaining("took too long") as string });
    await locker.query("COMMIT");
  } finally {
    await locker.end();
  }
  const after = await get("/api/0/projects/acme/checkout/issues/?query=");
  expect(after.status).toBe(200);
  expect(after.body).toHaveLength(1);
});

test("only the server's pool has the timeout: other connections keep PostgreSQL's default", async () => {
  const [server] = await apiDb.$queryRaw<{ statement_timeout: string }[]>`SHOW statement_timeout`;
  const [other] = await db.$queryRaw<{ statement_timeout: string }[]>`SHOW statement_timeout`;
  expect(server?.statement_timeout).toBe(`${STATEMENT_TIMEOUT_MS}ms`);
  expect(other?.statement_timeout).toBe("0");
});

test("deleting an issue may take longer than the statement timeout: its cascade is not cancelled", async () => {
  const { projectId } = await createTestProject(db, "Big", "acme");
  const doomed = String((await storeTestEvent(db, projectId, { group: "doomed" })).issueId);
  const locker = new Client({ connectionString: testUrls().databaseUrl });
  await locker.connect();
  try {
    // The cascade to the issue's events waits on this lock for far longer than the timeout.
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE event IN ACCESS EXCLUSIVE MODE");
    const deleting = fetch(`${server.url}/api/0/issues/${doomed}/`, {
      method: "DELETE",
      headers: { authorization: auth },
      signal: AbortSignal.timeout(20_000),
    });
    const waiters = async () =>
      (
        await locker.query(
          `SELECT 1 FROM pg_locks WHERE NOT granted AND relation = 'event'::regclass AND mode = 'RowExclusiveLock'`,
        )
      ).rowCount ?? 0;
    await waitFor(async () => (await waiters()) > 0, 10_000, "the delete to wait on the lock");
    await locker.query("SELECT pg_sleep($1)", [(STATEMENT_TIMEOUT_MS * 3) / 1000]);
    expect(await waiters()).toBe(1);
    await locker.query("COMMIT");
    expect((await deleting).status).toBe(202);
  } finally {
    await locker.end();
  }
  expect(await db.issue.findUnique({ where: { id: BigInt(doomed) } })).toBeNull();
});
