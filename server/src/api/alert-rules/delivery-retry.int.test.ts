import type { RunningWorker } from "@faultline/worker";
import request from "supertest";
import { testNotifySettings } from "../../../../test/support/alerts";
import { memberWithToken, bearerFor, createTestUser } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";
import { startTestWorker, waitFor } from "../../../../test/support/harness";
import { startHttpReceiver, type HttpReceiver } from "../../../../test/support/notify-receivers";

const api = useApiServer();
const BASE = "/api/0/projects/acme/checkout";
let receiver: HttpReceiver;
let worker: RunningWorker;

interface DeliveryRow {
  id: string;
  status: string;
  attempts: number;
  lastError: string | null;
  target: string;
}

beforeEach(async () => {
  receiver = await startHttpReceiver();
  worker = startTestWorker(api.db, 2, { notify: testNotifySettings() });
});
afterEach(async () => {
  await worker.close();
  await receiver.close();
});

/** The project's delivery log once nothing in it is queued any more. */
async function settledLog(auth: string): Promise<DeliveryRow[]> {
  return waitFor(
    async () => {
      const response = await request(api.server.url).get(`${BASE}/notifications/`).set("Authorization", auth);
      const rows = response.body as DeliveryRow[];
      return rows.length > 0 && rows.every((row) => row.status !== "queued") ? rows : undefined;
    },
    10_000,
    "the deliveries to settle",
  );
}

describe("retrying a failed delivery through the web API", () => {
  it("sends it again once the webhook receiver is back, and it ends sent", async () => {
    const { auth } = await memberWithToken(api.db, "dev@example.com", "acme", "member");
    receiver.respond = (_request, res) => res.writeHead(503).end("down for maintenance");
    const rule = await request(api.server.url)
      .post(`${BASE}/alert-rules/`)
      .set("Authorization", auth)
      .send({
        name: "Hook",
        triggers: [{ type: "first_seen" }],
        actions: [{ type: "webhook", url: `${receiver.url}/hook`, secret: "s3cret-value" }],
      })
      .expect(201);
    await request(api.server.url)
      .post(`${BASE}/alert-rules/${rule.body.id}/test/`)
      .set("Authorization", auth)
      .expect(202);

    const [failed] = await settledLog(auth);
    expect(failed).toMatchObject({ status: "failed", lastError: expect.stringContaining("503") });
    expect(receiver.requests.length).toBe(failed?.attempts);
    const before = receiver.requests.length;

    receiver.respond = (_request, res) => res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    const retried = await request(api.server.url)
      .post(`${BASE}/notifications/${failed?.id}/retry/`)
      .set("Authorization", auth)
      .expect(202);
    expect(retried.body).toMatchObject({ id: failed?.id, status: "queued" });

    const [sent] = await settledLog(auth);
    expect(sent).toMatchObject({
      id: failed?.id,
      status: "sent",
      attempts: (failed?.attempts ?? 0) + 1,
      lastError: null,
    });
    expect(receiver.requests.length).toBe(before + 1);
    // The same delivery id on every attempt, so a receiver can drop duplicates.
    expect(new Set(receiver.requests.map((r) => r.headers["x-faultline-delivery"]))).toEqual(new Set([failed?.id]));
    // Only failed deliveries can be retried.
    await request(api.server.url)
      .post(`${BASE}/notifications/${failed?.id}/retry/`)
      .set("Authorization", auth)
      .expect(404);
  }, 30_000);

  it("needs write scope and never reaches another organization's deliveries", async () => {
    const { auth } = await memberWithToken(api.db, "dev@example.com", "acme", "member");
    receiver.respond = (_request, res) => res.writeHead(410).end();
    const rule = await request(api.server.url)
      .post(`${BASE}/alert-rules/`)
      .set("Authorization", auth)
      .send({
        name: "Hook",
        triggers: [{ type: "first_seen" }],
        actions: [{ type: "webhook", url: `${receiver.url}/gone`, secret: "s3cret-value" }],
      })
      .expect(201);
    await request(api.server.url)
      .post(`${BASE}/alert-rules/${rule.body.id}/test/`)
      .set("Authorization", auth)
      .expect(202);
    const [failed] = await settledLog(auth);
    expect(failed?.status).toBe("failed");

    const viewer = await createTestUser(api.db, "viewer@example.com", { acme: "viewer" });
    const readOnly = await bearerFor(api.db, viewer.id, ["read"]);
    await request(api.server.url)
      .post(`${BASE}/notifications/${failed?.id}/retry/`)
      .set("Authorization", readOnly)
      .expect(403);
    const outsider = await memberWithToken(api.db, "spy@example.com", "rival", "owner");
    await request(api.server.url)
      .post(`/api/0/projects/rival/secret/notifications/${failed?.id}/retry/`)
      .set("Authorization", outsider.auth)
      .expect(404);
    await request(api.server.url)
      .post(`${BASE}/notifications/${failed?.id}/retry/`)
      .set("Authorization", outsider.auth)
      .expect(404);
    const row = await api.db.notificationDelivery.findUniqueOrThrow({ where: { id: BigInt(failed?.id ?? "0") } });
    expect(row.status).toBe("failed");
  }, 30_000);
});
