import type { Database } from "@faultline/db";
import request from "supertest";
import { memberWithToken } from "../../../../test/support/api";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  startTestWorker,
  waitFor,
  type TestServer,
} from "../../../../test/support/harness";
import type { RunningWorker } from "../../../../worker/src/runtime";

let db: Database;
let server: TestServer;
let worker: RunningWorker;
let projectId: number;

beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  server = await startTestServer(db);
  worker = startTestWorker(db);
  projectId = (await createTestProject(db, "Checkout", "acme")).projectId;
});
afterEach(async () => {
  await worker.close();
  await server.close();
});

const ALICE = {
  id: "42",
  email: "alice@example.com",
  username: "alice",
  ip_address: "203.0.113.9",
  name: "Alice Liddell",
};

/** An error event as the browser SDK sends it, through ingest and the worker. */
async function sendEvent(type: string, user: Record<string, string>) {
  const key = await db.projectKey.findFirstOrThrow({ where: { projectId } });
  const event = {
    platform: "javascript",
    level: "error",
    user,
    exception: {
      values: [
        {
          type,
          value: `${type} happened`,
          stacktrace: { frames: [{ function: type, filename: "app.js", lineno: 1, in_app: true }] },
        },
      ],
    },
  };
  const res = await request(server.url)
    .post(`/api/${projectId}/envelope/`)
    .set("X-Sentry-Auth", `Sentry sentry_key=${key.publicKey}, sentry_version=7`)
    .send(`{}\n{"type":"event"}\n${JSON.stringify(event)}\n`);
  expect(res.status).toBe(200);
}

async function stored(count: number) {
  await waitFor(async () => (await db.event.count()) >= count, 15_000, `${count} stored events`);
}

describe("searching by the user's fields", () => {
  it("finds the issues of a user who has both an id and an email by user.email, user.username and user.ip", async () => {
    await sendEvent("AliceError", ALICE);
    await sendEvent("BobError", { id: "43", email: "bob@example.com", username: "bob" });
    await stored(2);
    const { auth } = await memberWithToken(db, "dev@example.com", "acme", "member");
    const titles = async (query: string) => {
      const res = await request(server.url)
        .get("/api/0/organizations/acme/issues/")
        .query({ query })
        .set("Authorization", auth);
      expect(res.status).toBe(200);
      return (res.body as { title: string }[]).map((issue) => issue.title);
    };
    expect(await titles("user.email:alice@example.com")).toEqual(["AliceError: AliceError happened"]);
    expect(await titles("user.username:alice")).toEqual(["AliceError: AliceError happened"]);
    expect(await titles("user.ip:203.0.113.9")).toEqual(["AliceError: AliceError happened"]);
    expect(await titles("user.id:42")).toEqual(["AliceError: AliceError happened"]);
    expect(await titles("!user.email:alice@example.com")).toEqual(["BobError: BobError happened"]);
    expect(await titles("user.email:carol@example.com")).toEqual([]);

    // Merged, the parent keeps Alice's fields: she is still found by email.
    const admin = await memberWithToken(db, "admin@example.com", "acme", "admin");
    const ids = (await db.issue.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((row) =>
      String(row.id),
    );
    const merged = await request(server.url)
      .put(`/api/0/organizations/acme/issues/?${ids.map((id) => `id=${id}`).join("&")}`)
      .set("Authorization", admin.auth)
      .send({ merge: 1 });
    expect(merged.status).toBe(200);
    expect(await titles("user.email:alice@example.com")).toHaveLength(1);
    expect(await titles("user.username:bob")).toHaveLength(1);
  });

  it("finds users affected by email, username or part of a name, any case, and shows who they are", async () => {
    await sendEvent("AliceError", ALICE);
    await sendEvent("BobError", { id: "43", email: "bob@example.com", username: "bob" });
    await stored(2);
    const { auth } = await memberWithToken(db, "support@example.com", "acme", "viewer");
    const find = async (query: string) => {
      const res = await request(server.url)
        .get("/api/0/projects/acme/checkout/users/")
        .query({ query })
        .set("Authorization", auth);
      expect(res.status).toBe(200);
      return res.body as { tagValue: string; email: string | null; name: string; username: string | null }[];
    };
    const [alice] = await find("email:alice@example.com");
    expect(alice).toMatchObject({
      tagValue: "id:42",
      email: "alice@example.com",
      username: "alice",
      name: "Alice Liddell",
      ipAddress: "203.0.113.9",
    });
    expect((await find("username:alice")).map((user) => user.tagValue)).toEqual(["id:42"]);
    expect((await find("LIDDELL")).map((user) => user.tagValue)).toEqual(["id:42"]);
    expect((await find("Alice@Example")).map((user) => user.tagValue)).toEqual(["id:42"]);
    expect((await find("example.com")).map((user) => user.tagValue).sort()).toEqual(["id:42", "id:43"]);
    expect(await find("email:carol@example.com")).toEqual([]);
  });
});
