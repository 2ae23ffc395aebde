import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import { createRule, testNotifySettings } from "../support/alerts";
import {
  createTestProject,
  openDatabase,
  resetState,
  startTestServer,
  startTestWorker,
  waitFor,
  type TestServer,
} from "../support/harness";
import {
  startHttpReceiver,
  startSmtpReceiver,
  type HttpReceiver,
  type SmtpReceiver,
} from "../support/notify-receivers";

let db: Database;
let server: TestServer;
let worker: RunningWorker;
let smtp: SmtpReceiver;
let hook: HttpReceiver;

beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  smtp = await startSmtpReceiver();
  hook = await startHttpReceiver();
  server = await startTestServer(db);
  worker = startTestWorker(db, 4, {
    notify: testNotifySettings({ email: { smtpUrl: smtp.url, from: "alerts@faultline.example.com" } }),
  });
});
afterEach(async () => {
  await server.close();
  await worker.close();
  await smtp.close();
  await hook.close();
});

// The SDK runs in its own process, exactly as in an application: the same error twice.
const NODE_APP = `
const Sentry = require(${JSON.stringify(require.resolve("@sentry/node"))});
Sentry.init({ dsn: process.argv[2], release: "shop@3.1.0", environment: "production" });
function chargeCard(order) { throw new TypeError("card declined for order " + order); }
for (const order of [17, 42]) {
  try { chargeCard(order); } catch (error) { Sentry.captureException(error); }
}
Sentry.flush(10000).then((ok) => process.exit(ok ? 0 : 1));
`;

it("errors from @sentry/node fire a first-seen rule once: one email and one webhook call", async () => {
  const project = await createTestProject(db, "Shop");
  await createRule(db, project.projectId, {
    name: "New errors to on-call",
    triggers: [{ type: "first_seen" }],
    filters: [{ type: "environment", value: "production" }],
    actions: [
      { type: "email", targets: ["oncall@example.com"] },
      { type: "webhook", url: `${hook.url}/faultline`, secret: "sdk-e2e-secret" },
    ],
  });
  const script = path.join(tmpdir(), `faultline-alerts-app-${process.pid}.js`);
  writeFileSync(script, NODE_APP);
  await promisify(execFile)(process.execPath, [script, project.dsnFor(server.url)], { timeout: 30_000 });

  await waitFor(async () => (await db.event.count()) === 2 || undefined, 15_000, "two stored events");
  await waitFor(async () => smtp.mails.length === 1 && hook.requests.length === 1, 15_000, "the email and the webhook");
  const issue = await db.issue.findFirstOrThrow();
  const mail = smtp.mails[0];
  // The issue shows its latest event's headline by the time the mail is written.
  expect(mail?.parsed.subject).toMatch(
    /^\[acme\/shop\] New issue · ERROR · TypeError: card declined for order (17|42)$/,
  );
  expect(mail?.parsed.text).toContain(`https://faultline.example.com/organizations/acme/issues/${issue.id}/`);
  expect(mail?.parsed.text).toContain("shop@3.1.0");
  expect(mail?.parsed.text).toContain("chargeCard");
  expect(JSON.parse(hook.requests[0]?.body ?? "{}")).toMatchObject({ issue: { id: String(issue.id) }, kind: "alert" });
  // A receiver sees the request before the worker records the answer, so wait for both rows.
  await waitFor(
    async () => (await db.notificationDelivery.count({ where: { status: "sent" } })) === 2 || undefined,
    15_000,
    "both deliveries recorded as sent",
  );
  expect(await db.alertFiring.count()).toBe(1);
});
