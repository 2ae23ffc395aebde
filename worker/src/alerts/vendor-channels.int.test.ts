import type { Database } from "@faultline/db";
import type { IngestQueue } from "@faultline/runtime";
import { createRule, errorJob, testNotifySettings } from "../../../test/support/alerts";
import {
  createTestProject,
  openDatabase,
  openTestQueue,
  resetState,
  startTestWorker,
  waitFor,
} from "../../../test/support/harness";
import {
  PAGERDUTY_KEY,
  TELEGRAM_TOKEN,
  startVendorStandIns,
  type VendorStandIns,
} from "../../../test/support/vendors/stand-ins";
import type { NotifySettings } from "../notify/settings";
import type { RunningWorker } from "../runtime";

let db: Database;
let queue: IngestQueue;
let worker: RunningWorker | undefined;
let vendors: VendorStandIns;
let projectId: number;

beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  projectId = (await createTestProject(db, "Checkout API")).projectId;
  queue = await openTestQueue();
  vendors = await startVendorStandIns();
});
afterEach(async () => {
  await worker?.close();
  worker = undefined;
  await queue.close();
  await vendors.close();
});

function startWorker(overrides: Partial<NotifySettings> = {}) {
  worker = startTestWorker(db, 4, { notify: testNotifySettings({ vendors: vendors.vendorBases, ...overrides }) });
}

async function settled(count: number) {
  return waitFor(
    async () => {
      const rows = await db.notificationDelivery.findMany({ orderBy: { id: "asc" } });
      return rows.length === count && rows.every((row) => row.status !== "queued") ? rows : undefined;
    },
    20_000,
    `${count} settled deliveries`,
  );
}

it("retries a vendor's 5xx with backoff and records the send once it is taken", async () => {
  await createRule(db, projectId, {
    triggers: [{ type: "first_seen" }],
    actions: [{ type: "pagerduty", routingKey: PAGERDUTY_KEY }],
  });
  let calls = 0;
  // Two 503s from a proxy in front of the stand-in, then the stand-in's real answer.
  const proxy = await import("node:http").then(({ createServer }) =>
    createServer((req, res) => {
      calls += 1;
      if (calls <= 2) {
        res.writeHead(503, { "Content-Type": "application/json" }).end('{"status":"throttled"}');
        return;
      }
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        void fetch(`${vendors.vendorBases.pagerDutyApiBaseUrl}${req.url ?? ""}`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: Buffer.concat(chunks),
        }).then(async (answer) => {
          res.writeHead(answer.status, { "Content-Type": "application/json" }).end(await answer.text());
        });
      });
    }),
  );
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const address = proxy.address() as { port: number };
  try {
    startWorker({
      vendors: { ...vendors.vendorBases, pagerDutyApiBaseUrl: `http://127.0.0.1:${address.port}` },
    });
    await queue.enqueueEvent(errorJob(projectId));
    const [row] = await settled(1);
    expect(row).toMatchObject({ channel: "pagerduty", status: "sent", attempts: 3, lastError: null });
    const issue = await db.issue.findFirstOrThrow();
    expect(row?.providerResponseId).toBe(`faultline/acme/checkout-api/issue/${issue.id}`);
    expect(vendors.of("pagerduty").map((r) => r.problems)).toEqual([[]]);
  } finally {
    proxy.closeAllConnections();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
  }
});

it("refuses a chat webhook URL on a non-public address unless the host is allowed, naming the setting", async () => {
  await createRule(db, projectId, {
    triggers: [{ type: "first_seen" }],
    actions: [{ type: "discord", url: vendors.webhookUrl("discord") }],
  });
  startWorker({ webhook: { allowedHosts: [], timeoutMs: 2000 } });
  await queue.enqueueEvent(errorJob(projectId));
  const [row] = await settled(1);
  expect(row).toMatchObject({ channel: "discord", status: "failed", attempts: 1 });
  expect(row?.lastError).toBe("refused: 127.0.0.1 is not a public address; allow it with WEBHOOK_ALLOWED_HOSTS");
  expect(vendors.requests).toHaveLength(0);
});

it("fails at once on a vendor's 4xx, with its reason and without the bot token", async () => {
  await createRule(db, projectId, {
    triggers: [{ type: "first_seen" }],
    actions: [{ type: "telegram", botToken: TELEGRAM_TOKEN.replace(/.$/, "X"), chatId: "-100200" }],
  });
  startWorker();
  await queue.enqueueEvent(errorJob(projectId));
  const [row] = await settled(1);
  expect(row).toMatchObject({ channel: "telegram", status: "failed", attempts: 1, target: "-100200" });
  expect(row?.lastError).toMatch(/^HTTP 401 from Telegram: .*Unauthorized/);
  expect(JSON.stringify(row?.lastError)).not.toContain(TELEGRAM_TOKEN.slice(0, 20));
});
