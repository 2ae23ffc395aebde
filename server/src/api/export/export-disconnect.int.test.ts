import type { IncomingMessage, ServerResponse } from "node:http";
import { connect } from "node:net";
import type { Database } from "@faultline/db";
import { apiExportsInProgress } from "@faultline/runtime";
import { memberWithToken } from "../../../../test/support/api";
import { storeTestEvent } from "../../../../test/support/events";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  waitFor,
  type TestServer,
} from "../../../../test/support/harness";

/**
 * A client that stops reading an export and goes away ends it: the server stops waiting for the
 * socket to drain, ends the iteration over the rows and keeps serving.
 */
let db: Database;
let server: TestServer;
let auth: string;
let issueId: string;

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
  const { projectId } = await createTestProject(db, "Checkout", "acme");
  issueId = String((await storeTestEvent(db, projectId, { message: "x".repeat(40_000) })).issueId);
  // Far more than the socket buffers hold (~50 MB of export): the server has to wait for drain.
  await db.$executeRawUnsafe(`
    INSERT INTO event (project_id, issue_id, event_id, "timestamp", received_at, level, platform, message, title, tags, data)
    SELECT project_id, issue_id, gen_random_uuid(), "timestamp" - make_interval(secs => n), received_at, level,
           platform, message, title, tags, data
    FROM event, generate_series(1, 600) AS n`);
  auth = (await memberWithToken(db, "viewer@acme.test", "acme", "viewer")).auth;
  server = await startTestServer(db);
});
afterAll(async () => {
  await server.close();
  await db.$disconnect();
});

const exportsRunning = async () => (await apiExportsInProgress.get()).values[0]?.value ?? 0;

test("a client that disconnects while the export waits on backpressure ends the export", async () => {
  const { port } = new URL(server.url);
  // The server's side of the response: it tells when the server is waiting for the client.
  const response = new Promise<ServerResponse>((resolve) =>
    server.server.once("request", (_req: IncomingMessage, res: ServerResponse) => resolve(res)),
  );
  const socket = connect(Number(port), "127.0.0.1");
  const firstBytes = new Promise<string>((resolve, reject) => {
    socket.once("data", (chunk: Buffer) => resolve(chunk.toString("latin1")));
    socket.once("error", reject);
  });
  socket.write(
    `GET /api/0/issues/${issueId}/events/export/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${auth}\r\n\r\n`,
  );
  expect(await firstBytes).toMatch(/^HTTP\/1\.1 200/);
  // Stop reading: the server fills the socket's buffers and waits for them to drain.
  socket.pause();
  const res = await response;
  await waitFor(async () => res.writableNeedDrain, 20_000, "the export to wait for the client");
  expect(await exportsRunning()).toBe(1);
  socket.destroy();
  await waitFor(async () => (await exportsRunning()) === 0, 10_000, "the export to end after the client left");
  const after = await fetch(`${server.url}/api/0/issues/${issueId}/`, { headers: { authorization: auth } });
  expect(after.status).toBe(200);
}, 60_000);
