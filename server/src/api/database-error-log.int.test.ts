import { Writable } from "node:stream";
import type { Database } from "@faultline/db";
import { createLogger } from "@faultline/runtime";
import { memberWithToken } from "../../../test/support/api";
import { storeTestEvent } from "../../../test/support/events";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  type TestServer,
} from "../../../test/support/harness";

/**
 * A request the database refuses is logged as a failure with its SQLSTATE and constraint, never
 * with the values PostgreSQL quotes back (`Failing row contains (...)`, Prisma's `meta`).
 */
let db: Database;
let server: TestServer;
let auth: string;
let issueId: string;
const logLines: string[] = [];

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  const { projectId } = await createTestProject(db, "Checkout", "acme");
  issueId = String((await storeTestEvent(db, projectId)).issueId);
  auth = (await memberWithToken(db, "dev@acme.test", "acme", "member")).auth;
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  server = await startTestServer(db, { log: createLogger("debug", "server", capture) });
});
afterAll(async () => {
  await server.close();
  await db.$disconnect();
});

test("a refused insert's values stay out of the server log", async () => {
  await db.$executeRawUnsafe(
    `ALTER TABLE issue_activity ADD CONSTRAINT activity_no_marker CHECK (data::text NOT LIKE '%PW-API-8%') NOT VALID`,
  );
  const res = await fetch(`${server.url}/api/0/issues/${issueId}/comments/`, {
    method: "POST",
    headers: { authorization: auth, "content-type": "application/json" },
    body: JSON.stringify({ text: "the admin password is PW-API-8" }),
  });
  expect(res.status).toBe(500);
  expect(await res.json()).toEqual({ detail: "Internal server error" });
  const log = logLines.join("");
  expect(log).toContain("unhandled api error");
  expect(log).toContain("23514");
  expect(log).not.toContain("PW-API-8");
});
