/**
 * The repeatable maintenance jobs (outcome flush, retention, ignore expiry) live in Redis. A
 * Redis flushed, or restarted empty, under a running worker must get them back without a
 * restart of the worker.
 */
import { INGEST_QUEUE, JOB_NAMES } from "@faultline/core";
import type { Database } from "@faultline/db";
import type { RunningWorker } from "@faultline/worker";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { openDatabase, resetState, startTestWorker, testUrls, waitFor } from "../support/harness";
import { DisposableRedis, spareRedisPort } from "../support/redis-server";

jest.setTimeout(60_000);

const MAINTENANCE = [
  JOB_NAMES.flushOutcomes,
  JOB_NAMES.retention,
  JOB_NAMES.eventPartitions,
  JOB_NAMES.expireIgnores,
  JOB_NAMES.monitorClock,
].sort();

let db: Database;
beforeAll(async () => {
  db = openDatabase();
  await resetState(db);
});
afterAll(async () => {
  await db.$disconnect();
});

async function scheduled(queue: Queue): Promise<string[]> {
  const schedulers = await queue.getJobSchedulers();
  const delayed = await queue.getDelayed();
  // A schedule counts when its scheduler is there and its next run is queued.
  return schedulers
    .map((scheduler) => scheduler.key)
    .filter((key) => delayed.some((job) => job.repeatJobKey === key))
    .sort();
}

async function withWorkerOn(redisUrl: string, checkMs: number, test: (queue: Queue) => Promise<void>) {
  const queue = new Queue(INGEST_QUEUE, { connection: { url: redisUrl, maxRetriesPerRequest: null } });
  queue.on("error", () => undefined);
  const worker: RunningWorker = startTestWorker(db, 2, { redisUrl, maintenanceCheckMs: checkMs });
  try {
    await test(queue);
  } finally {
    await worker.close();
    await queue.close();
  }
}

it("schedules them again after the Redis db is flushed under a running worker", async () => {
  await withWorkerOn(testUrls().redisUrl, 300, async (queue) => {
    await waitFor(async () => (await scheduled(queue)).length === MAINTENANCE.length, 15_000, "the schedules");
    expect(await scheduled(queue)).toEqual(MAINTENANCE);
    const redis = new Redis(testUrls().redisUrl);
    try {
      await redis.flushdb();
    } finally {
      redis.disconnect();
    }
    expect(await queue.getJobSchedulers()).toEqual([]);
    await waitFor(
      async () => (await scheduled(queue)).length === MAINTENANCE.length,
      15_000,
      "the schedules to come back",
    );
    expect(await scheduled(queue)).toEqual(MAINTENANCE);
  });
});

it("schedules them again as soon as the worker reconnects to a Redis that restarted empty", async () => {
  const redisServer = new DisposableRedis(spareRedisPort(0));
  await redisServer.start();
  try {
    // An hour between periodic checks: only the reconnect can bring them back in time.
    await withWorkerOn(redisServer.url, 3_600_000, async (queue) => {
      await waitFor(async () => (await scheduled(queue)).length === MAINTENANCE.length, 15_000, "the schedules");
      await redisServer.stop();
      await redisServer.start();
      await waitFor(
        async () => (await scheduled(queue).catch(() => [])).length === MAINTENANCE.length,
        20_000,
        "the schedules after the restart",
      );
      expect(await scheduled(queue)).toEqual(MAINTENANCE);
    });
  } finally {
    await redisServer.stop();
  }
});
