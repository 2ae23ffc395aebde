import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import request from "supertest";
import { createRule, testNotifySettings } from "../support/alerts";
import { memberWithToken } from "../support/api";
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
  OPSGENIE_KEY,
  PAGERDUTY_KEY,
  TELEGRAM_TOKEN,
  startVendorStandIns,
  type Vendor,
  type VendorStandIns,
} from "../support/vendors/stand-ins";

let db: Database;
let server: TestServer;
let worker: RunningWorker;
let vendors: VendorStandIns;

beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  vendors = await startVendorStandIns();
  server = await startTestServer(db);
  worker = startTestWorker(db, 4, { notify: testNotifySettings({ vendors: vendors.vendorBases }) });
});
afterEach(async () => {
  await server.close();
  await worker.close();
  await vendors.close();
});

/** A title an attacker controls (an error message): mentions, links, markup of every format. */
const HOSTILE =
  "<!channel> @here @everyone <https://phish.example|Reset your password> [click](https://evil.example) <b>x</b> &amp; `code` *bold* <@123> <users/all>";

// The SDK runs in its own process, as in an application.
const NODE_APP = `
const Sentry = require(${JSON.stringify(require.resolve("@sentry/node"))});
Sentry.init({ dsn: process.argv[2], release: "shop@3.1.0", environment: "production" });
function chargeCard() { throw new TypeError(${JSON.stringify(HOSTILE)}); }
try { chargeCard(); } catch (error) { Sentry.captureException(error); }
Sentry.flush(10000).then((ok) => process.exit(ok ? 0 : 1));
`;

const ALL_VENDORS: Vendor[] = [
  "slack",
  "discord",
  "teams",
  "mattermost",
  "rocketchat",
  "googlechat",
  "telegram",
  "pagerduty",
  "opsgenie",
  "ntfy",
];

function everyChannel() {
  return [
    { type: "slack", url: vendors.webhookUrl("slack") },
    { type: "discord", url: vendors.webhookUrl("discord") },
    { type: "teams", url: vendors.webhookUrl("teams") },
    { type: "mattermost", url: vendors.webhookUrl("mattermost") },
    { type: "rocketchat", url: vendors.webhookUrl("rocketchat") },
    { type: "googlechat", url: vendors.webhookUrl("googlechat") },
    { type: "telegram", botToken: TELEGRAM_TOKEN, chatId: "-1001234567890" },
    { type: "pagerduty", routingKey: PAGERDUTY_KEY },
    { type: "opsgenie", apiKey: OPSGENIE_KEY, priority: "P2" },
    { type: "ntfy", topic: "faultline-e2e-topic" },
  ];
}

async function sendSdkError(dsn: string) {
  const script = path.join(tmpdir(), `faultline-channels-app-${process.pid}.js`);
  writeFileSync(script, NODE_APP);
  await promisify(execFile)(process.execPath, [script, dsn], { timeout: 30_000 });
}

async function settled(count: number) {
  return waitFor(
    async () => {
      const rows = await db.notificationDelivery.findMany({ orderBy: { id: "asc" } });
      return rows.length === count && rows.every((row) => row.status !== "queued") ? rows : undefined;
    },
    30_000,
    `${count} settled deliveries`,
  );
}

it("an SDK error fires a rule: every channel's stand-in gets one request valid by the vendor's schema, its text escaped", async () => {
  const project = await createTestProject(db, "Shop");
  await createRule(db, project.projectId, { triggers: [{ type: "first_seen" }], actions: everyChannel() });
  await sendSdkError(project.dsnFor(server.url));

  const rows = await settled(ALL_VENDORS.length);
  expect(rows.map((row) => [row.channel, row.status, row.lastError])).toEqual(
    ALL_VENDORS.map((vendor) => [vendor, "sent", null]),
  );
  for (const vendor of ALL_VENDORS) {
    const received = vendors.of(vendor);
    expect({ vendor, count: received.length, problems: received.flatMap((r) => r.problems) }).toEqual({
      vendor,
      count: 1,
      problems: [],
    });
  }
  const issue = await db.issue.findFirstOrThrow();
  const link = `https://faultline.example.com/organizations/acme/issues/${issue.id}/`;
  const bodyOf = (vendor: Vendor) => JSON.stringify(vendors.of(vendor)[0]?.body);

  // Slack: the only "<...>" forms left are the issue link; the hostile ones are entities now.
  const slack = bodyOf("slack");
  expect(slack).toContain(`<${link}|`);
  expect(slack).not.toContain("<!channel>");
  expect(slack).not.toContain("<https://phish.example");
  expect(slack).toContain("&lt;!channel&gt;");
  expect(slack).not.toMatch(/@(here|everyone)/);
  // Discord: mentions off, markup escaped.
  const discord = vendors.of("discord")[0]?.body as { allowed_mentions: unknown; embeds: { url: string }[] };
  expect(discord.allowed_mentions).toEqual({ parse: [] });
  expect(discord.embeds[0]?.url).toBe(link);
  expect(bodyOf("discord")).not.toContain("[click](");
  // Telegram: a valid HTML text (checked by the stand-in) whose only link is the issue.
  const telegram = vendors.of("telegram")[0]?.body as { text: string; chat_id: string };
  expect(telegram.chat_id).toBe("-1001234567890");
  expect(telegram.text.match(/<a href=/g)).toHaveLength(1);
  expect(telegram.text).toContain(`<a href="${link}">`);
  // PagerDuty and Opsgenie carry one key per issue.
  const trigger = vendors.of("pagerduty")[0]?.body as { dedup_key: string; payload: { severity: string } };
  expect(trigger.dedup_key).toBe(`faultline/acme/shop/issue/${issue.id}`);
  expect(trigger.payload.severity).toBe("error");
  expect((vendors.of("opsgenie")[0]?.body as { alias: string; priority: string }).priority).toBe("P2");
  // Neither the rule nor the delivery log shows a token or key through the API.
  const { auth } = await memberWithToken(db, "dev@example.com", "acme", "member");
  const shown = await Promise.all(
    ["alert-rules/", "notifications/"].map(async (resource) =>
      JSON.stringify(
        (await request(server.url).get(`/api/0/projects/acme/shop/${resource}`).set("Authorization", auth).expect(200))
          .body,
      ),
    ),
  );
  for (const secret of [TELEGRAM_TOKEN, PAGERDUTY_KEY, OPSGENIE_KEY])
    for (const answer of shown) expect(answer).not.toContain(secret);
  expect(rows.find((row) => row.channel === "pagerduty")?.target).toBe(`key …${PAGERDUTY_KEY.slice(-4)}`);
});

it("resolving the issue through the API resolves the PagerDuty incident and closes the Opsgenie alert", async () => {
  const project = await createTestProject(db, "Shop");
  const { auth } = await memberWithToken(db, "oncall@example.com", "acme", "member");
  await createRule(db, project.projectId, {
    triggers: [{ type: "first_seen" }],
    actions: [
      { type: "pagerduty", routingKey: PAGERDUTY_KEY },
      { type: "opsgenie", apiKey: OPSGENIE_KEY },
      { type: "slack", url: vendors.webhookUrl("slack") },
    ],
  });
  await sendSdkError(project.dsnFor(server.url));
  await settled(3);
  const issue = await db.issue.findFirstOrThrow();

  await request(server.url)
    .put(`/api/0/organizations/acme/issues/?id=${issue.id}`)
    .set("Authorization", auth)
    .send({ status: "resolved" })
    .expect(200);
  await settled(5);
  const pagerduty = vendors.of("pagerduty");
  expect(pagerduty.map((r) => r.body)).toEqual([
    expect.objectContaining({ event_action: "trigger" }),
    { routing_key: PAGERDUTY_KEY, event_action: "resolve", dedup_key: `faultline/acme/shop/issue/${issue.id}` },
  ]);
  const opsgenie = vendors.of("opsgenie");
  expect(opsgenie[1]?.path).toBe(
    `/opsgenie/v2/alerts/${encodeURIComponent(`faultline/acme/shop/issue/${issue.id}`)}/close`,
  );
  expect([...pagerduty, ...opsgenie].flatMap((r) => r.problems)).toEqual([]);
  // Slack opened nothing, so it is told nothing.
  expect(vendors.of("slack")).toHaveLength(1);
  const resolves = await db.notificationDelivery.findMany({ where: { kind: "resolve" }, orderBy: { channel: "desc" } });
  expect(resolves.map((row) => [row.channel, row.status])).toEqual([
    ["pagerduty", "sent"],
    ["opsgenie", "sent"],
  ]);
});

it("Send test reaches each channel with a valid message", async () => {
  const project = await createTestProject(db, "Shop");
  const { auth } = await memberWithToken(db, "dev@example.com", "acme", "member");
  const rule = await createRule(db, project.projectId, { triggers: [{ type: "first_seen" }], actions: everyChannel() });
  const sent = await request(server.url)
    .post(`/api/0/projects/acme/shop/alert-rules/${rule.id}/test/`)
    .set("Authorization", auth)
    .expect(202);
  expect((sent.body as { deliveries: unknown[] }).deliveries).toHaveLength(ALL_VENDORS.length);
  await settled(ALL_VENDORS.length);
  for (const vendor of ALL_VENDORS)
    expect([vendor, vendors.of(vendor).flatMap((r) => r.problems)]).toEqual([vendor, []]);
  // A test never touches a real incident's key.
  expect((vendors.of("pagerduty")[0]?.body as { dedup_key: string }).dedup_key).toMatch(/\/test\//);
});
