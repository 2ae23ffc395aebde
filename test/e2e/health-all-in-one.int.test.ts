/**
 * `npm start` runs the server, and the worker in a child process: the server answers on PORT
 * and, like the standalone worker, the worker on WORKER_HEALTH_PORT.
 */
import type { Database } from "@faultline/db";
import { childPorts, startChild, type ChildService } from "../support/child-processes";
import { openDatabase, resetState, waitFor } from "../support/harness";

let db: Database;
let faultline: ChildService | undefined;

beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
});
afterAll(async () => {
  await faultline?.stop();
  await db.$disconnect();
});

it("serves the worker's health and metrics on WORKER_HEALTH_PORT besides the server on PORT", async () => {
  const [port = 0, healthPort = 0] = childPorts(2);
  faultline = await startChild("all-in-one", "server/dist/all-in-one.js", port, {
    PORT: String(port),
    WORKER_HEALTH_PORT: String(healthPort),
  });
  const health = `http://127.0.0.1:${healthPort}`;
  // The server is ready first; its worker process opens its port once it has started.
  await waitFor(async () => (await fetch(`${health}/_health/`).catch(() => undefined))?.status === 200, 30_000);
  const ready = await fetch(`${health}/_health/ready`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toMatchObject({ checks: { postgres: "ok", redis: "ok", migrations: "ok" } });
  const metrics = await fetch(`${health}/metrics`);
  expect(metrics.status).toBe(200);
  const text = await metrics.text();
  // The worker process's registry: its queue gauges, once.
  expect(text.match(/^# TYPE faultline_queue_jobs gauge$/gm)).toHaveLength(1);
  expect(text).toContain("faultline_events_processed_total");
});
