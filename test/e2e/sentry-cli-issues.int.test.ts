import type { Database } from "@faultline/db";
import { bearerFor, createTestUser } from "../support/api";
import { storeTestEvent } from "../support/events";
import { createTestProject, openDatabase, resetState, startTestServer, type TestServer } from "../support/harness";
import { sentryCli, type SentryCliTarget } from "../support/sentry-cli";

let db: Database;
let server: TestServer;
let target: SentryCliTarget;
let projectId: number;

jest.setTimeout(120_000);

beforeAll(async () => {
  db = openDatabase();
  server = await startTestServer(db);
});
beforeEach(async () => {
  await resetState(db);
  projectId = (await createTestProject(db, "CLI A", "acme")).projectId;
  const user = await createTestUser(db, "ops@example.com", { acme: "member" });
  const token = (await bearerFor(db, user.id, ["read", "write"])).replace(/^Bearer /, "");
  target = { url: server.url, token, org: "acme", project: "cli-a" };
});
afterAll(async () => {
  await server.close();
  await db.$disconnect();
});

const statusOf = async (issueId: bigint) => (await db.issue.findUniqueOrThrow({ where: { id: issueId } })).status;

describe.each([3, 2] as const)("sentry-cli %i.x issues", (major) => {
  const cli = (args: string[]) => sentryCli(target, args, undefined, major);

  it("resolves, unresolves and mutes one issue by id", async () => {
    const { issueId } = await storeTestEvent(db, projectId, { group: "checkout" });
    const other = await storeTestEvent(db, projectId, { group: "cart" });

    await cli(["issues", "resolve", "-i", String(issueId)]);
    expect(await statusOf(issueId)).toBe("resolved");
    expect(await statusOf(other.issueId)).toBe("unresolved");

    await cli(["issues", "unresolve", "-i", String(issueId)]);
    expect(await statusOf(issueId)).toBe("unresolved");

    await cli(["issues", "mute", "-i", String(issueId)]);
    expect(await statusOf(issueId)).toBe("ignored");
    expect(await statusOf(other.issueId)).toBe("unresolved");

    // In the next release: with no release seen yet, resolved until any new event.
    await cli(["issues", "resolve", "--next-release", "-i", String(other.issueId)]);
    expect(await statusOf(other.issueId)).toBe("resolved");
  });

  it("lists issues with their per-project short ids, and resolves all of a status", async () => {
    const first = await storeTestEvent(db, projectId, { group: "checkout", title: "TypeError: checkout failed" });
    const second = await storeTestEvent(db, projectId, { group: "cart", title: "RangeError: cart too big" });

    const listed = await cli(["issues", "list"]);
    expect(listed).toContain("CLI-A-1");
    expect(listed).toContain("CLI-A-2");
    expect(listed).toContain("TypeError: checkout failed");

    await cli(["issues", "resolve", "--status", "unresolved"]);
    expect(await statusOf(first.issueId)).toBe("resolved");
    expect(await statusOf(second.issueId)).toBe("resolved");
  });
});
