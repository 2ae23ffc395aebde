import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import request from "supertest";
import { errorJob, testNotifySettings } from "../support/alerts";
import { bearerFor, memberWithToken } from "../support/api";
import {
  createTestProject,
  openDatabase,
  openTestQueue,
  resetState,
  startTestServer,
  startTestWorker,
  waitFor,
  type TestServer,
} from "../support/harness";
import { startSmtpReceiver, type SmtpReceiver } from "../support/notify-receivers";
import type { IngestQueue } from "@faultline/runtime";

/**
 * Workflow emails over a real SMTP conversation: people who comment, are assigned or press
 * Subscribe hear of new comments, assignment, resolution and regressions of that issue, never
 * of their own changes; each email's unsubscribe link works without signing in.
 */
let db: Database;
let server: TestServer;
let worker: RunningWorker;
let smtp: SmtpReceiver;
let queue: IngestQueue;
let projectId: number;

beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  smtp = await startSmtpReceiver();
  server = await startTestServer(db, { api: { emailConfigured: true } });
  worker = startTestWorker(db, 2, {
    notify: testNotifySettings({ email: { smtpUrl: smtp.url, from: "Faultline <accounts@faultline.example.com>" } }),
  });
  queue = await openTestQueue();
  projectId = (await createTestProject(db, "Shop", "acme")).projectId;
});
afterEach(async () => {
  await queue.close();
  await server.close();
  await worker.close();
  await smtp.close();
});

function call(method: "get" | "post" | "put" | "delete", path: string, auth: string, body?: object) {
  const req = request(server.url)[method](path).set("Authorization", auth);
  return body ? req.send(body) : req;
}

const mailsTo = (address: string) => smtp.mails.filter((mail) => mail.to.includes(address));

async function waitForMails(address: string, count: number, what: string) {
  await waitFor(async () => mailsTo(address).length >= count, 20_000, what);
  return mailsTo(address);
}

async function storedIssue() {
  await queue.enqueueEvent(errorJob(projectId, "chargeCard"));
  return waitFor(async () => (await db.issue.findFirst()) ?? undefined, 20_000, "the issue");
}

describe("workflow emails", () => {
  it("commenters, assignees and subscribers hear of comments, assignment, resolution and regression, not of their own", async () => {
    const ana = await memberWithToken(db, "ana@example.com", "acme", "member");
    const ben = await memberWithToken(db, "ben@example.com", "acme", "member");
    const cat = await memberWithToken(db, "cat@example.com", "acme", "member");
    await db.user.update({ where: { id: ana.user.id }, data: { name: "Ana <Dev>" } });
    const issue = await storedIssue();

    // Cat presses Subscribe; Ana comments (and so subscribes): Cat hears of it, Ana does not.
    expect((await call("put", `/api/0/issues/${issue.id}/`, cat.auth, { isSubscribed: true })).status).toBe(200);
    const comment = await call("post", `/api/0/issues/${issue.id}/comments/`, ana.auth, { text: "Looking <now>" });
    expect(comment.status).toBe(201);
    const [commented] = await waitForMails("cat@example.com", 1, "the comment email");
    expect(commented?.parsed.subject).toBe("New comment: SHOP-1 " + issue.title);
    expect(commented?.parsed.text).toContain("Ana <Dev> commented:");
    expect(commented?.parsed.text).toContain("Looking <now>");
    expect(commented?.parsed.html).toContain("Looking &lt;now&gt;");
    expect(commented?.parsed.html).not.toContain("<now>");
    expect(commented?.parsed.text).toContain(`${server.url}/organizations/acme/issues/${issue.id}/`);

    // Ana assigns Ben: Ben is subscribed by it and, with Cat, hears of the assignment; Ana does not.
    await call("put", `/api/0/issues/${issue.id}/`, ana.auth, { assignedTo: `user:${ben.user.id}` });
    const catMails = await waitForMails("cat@example.com", 2, "the assignment email");
    expect(catMails[1]?.parsed.subject).toBe("Assigned: SHOP-1 " + issue.title);
    expect(catMails[1]?.parsed.text).toContain("Ana <Dev> assigned it to ben@example.com.");

    // Ben resolves: Ana and Cat hear of it, Ben does not.
    await call("put", `/api/0/issues/${issue.id}/`, ben.auth, { status: "resolved" });
    const [anaResolved] = await waitForMails("ana@example.com", 1, "the resolution email to Ana");
    expect(anaResolved?.parsed.subject).toBe("Resolved: SHOP-1 " + issue.title);
    await waitForMails("cat@example.com", 3, "the resolution email to Cat");

    // The error comes back: everyone subscribed hears of the regression (nobody made it).
    await queue.enqueueEvent(errorJob(projectId, "chargeCard"));
    const benRegression = (await waitForMails("ben@example.com", 2, "the regression email to Ben"))[1];
    expect(benRegression?.parsed.subject).toBe("Regression: SHOP-1 " + issue.title);
    expect(benRegression?.parsed.text).toContain("It happened again after it was resolved");
    await waitForMails("ana@example.com", 2, "the regression email to Ana");
    await waitForMails("cat@example.com", 4, "the regression email to Cat");
    // Nobody got an email about their own change.
    expect(mailsTo("ana@example.com").map((mail) => mail.parsed.subject?.split(":")[0])).toEqual([
      "Resolved",
      "Regression",
    ]);
    expect(mailsTo("ben@example.com").map((mail) => mail.parsed.subject?.split(":")[0])).toEqual([
      "Assigned",
      "Regression",
    ]);
  });

  it("the unsubscribe link works without signing in, once per issue; a forged one is refused", async () => {
    const ana = await memberWithToken(db, "ana@example.com", "acme", "member");
    const cat = await memberWithToken(db, "cat@example.com", "acme", "member");
    const issue = await storedIssue();
    await call("put", `/api/0/issues/${issue.id}/`, cat.auth, { isSubscribed: true });
    await call("post", `/api/0/issues/${issue.id}/comments/`, ana.auth, { text: "first" });
    const [mail] = await waitForMails("cat@example.com", 1, "the comment email");
    const link = /Unsubscribe from this issue: (\S+)/.exec(mail?.parsed.text ?? "")?.[1] ?? "";
    const token = new RegExp(`^${server.url}/unsubscribe/([^/]+)/$`).exec(link)?.[1];
    expect(token).toBeDefined();

    const forged = await request(server.url)
      .post("/api/0/unsubscribe/")
      .send({ token: `${token?.split(".")[0]}.${ana.user.id}.${token?.split(".")[2]}` });
    expect(forged.status).toBe(400);
    expect(forged.body.detail).toBe("token: not a valid unsubscribe link");

    const done = await request(server.url).post("/api/0/unsubscribe/").send({ token });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ unsubscribed: true, issue: { shortId: "SHOP-1", title: issue.title } });
    const detail = await call("get", `/api/0/issues/${issue.id}/`, cat.auth);
    expect(detail.body.isSubscribed).toBe(false);

    // Unsubscribed stays so: Dan, still subscribed, hears of the next comment and resolution; Cat not.
    const dan = await memberWithToken(db, "dan@example.com", "acme", "member");
    await call("put", `/api/0/issues/${issue.id}/`, dan.auth, { isSubscribed: true });
    await call("post", `/api/0/issues/${issue.id}/comments/`, ana.auth, { text: "second" });
    await call("put", `/api/0/issues/${issue.id}/`, ana.auth, { status: "resolved" });
    await waitForMails("dan@example.com", 2, "Dan's comment and resolution emails");
    expect(mailsTo("cat@example.com")).toHaveLength(1);
  });

  it("the account lists subscriptions, unsubscribes from one, and can turn workflow emails off", async () => {
    const ana = await memberWithToken(db, "ana@example.com", "acme", "member");
    const cat = await memberWithToken(db, "cat@example.com", "acme", "member");
    const rival = await memberWithToken(db, "rival@example.com", "rival", "owner");
    const issue = await storedIssue();
    await call("put", `/api/0/issues/${issue.id}/`, cat.auth, { isSubscribed: true });
    const list = await call("get", "/api/0/users/me/subscriptions/", cat.auth);
    expect(list.body).toMatchObject([
      { issue: { id: String(issue.id), shortId: "SHOP-1", project: { slug: "shop" }, organization: { slug: "acme" } } },
    ]);
    expect((await call("get", `/api/0/users/${ana.user.id}/subscriptions/`, cat.auth)).status).toBe(404);
    expect((await call("delete", `/api/0/users/me/subscriptions/${issue.id}/`, rival.auth)).status).toBe(404);

    expect((await call("get", "/api/0/users/me/notifications/", cat.auth)).body).toEqual({ workflowEmails: true });
    // A read-only token reads, never changes.
    const readOnly = await bearerFor(db, cat.user.id, ["read"]);
    expect((await call("get", "/api/0/users/me/subscriptions/", readOnly)).status).toBe(200);
    const refused = await call("put", "/api/0/users/me/notifications/", readOnly, { workflowEmails: false });
    expect([refused.status, refused.body.detail]).toEqual([403, 'This token lacks the "write" scope.']);
    expect((await call("delete", `/api/0/users/me/subscriptions/${issue.id}/`, readOnly)).status).toBe(403);
    const bad = await call("put", "/api/0/users/me/notifications/", cat.auth, { workflowEmails: "off" });
    expect(bad.status).toBe(400);
    const off = await call("put", "/api/0/users/me/notifications/", cat.auth, { workflowEmails: false });
    expect(off.body).toEqual({ workflowEmails: false });
    const dan = await memberWithToken(db, "dan@example.com", "acme", "member");
    await call("put", `/api/0/issues/${issue.id}/`, dan.auth, { isSubscribed: true });
    await call("post", `/api/0/issues/${issue.id}/comments/`, ana.auth, { text: "Cat does not hear this" });
    await waitForMails("dan@example.com", 1, "Dan's comment email");
    expect(mailsTo("cat@example.com")).toHaveLength(0);

    expect((await call("delete", `/api/0/users/me/subscriptions/${issue.id}/`, cat.auth)).status).toBe(204);
    expect((await call("get", "/api/0/users/me/subscriptions/", cat.auth)).body).toEqual([]);
    expect((await request(server.url).get("/api/0/users/me/subscriptions/")).status).toBe(401);
  });
});
