import { INGEST_QUEUE, JOB_NAMES, type IngestBatchJob, type ProcessEventJob, type QueuedJob } from "@faultline/core";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { JobBatcher } from "./job-batcher";
import { isRedisReady, waitForRedis } from "./redis";

const FIRST_CONNECT_WAIT_MS = 2000;

export class QueueUnavailableError extends Error {
  override readonly name = "QueueUnavailableError";
}

/**
 * Retries with backoff; failed jobs are kept so an operator can inspect and replay them.
 * Completed jobs still hold the payload as the SDK sent it (unscrubbed), so only the latest
 * few are kept, and none for longer than an hour: enough to look at recent traffic, never a
 * second copy of personal data that `forget-user` cannot reach. A busy server's jobs are ingest
 * batches of ten or more events each, so 100 jobs is about a thousand events (and ~10 MB of Redis).
 */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: "exponential", delay: 1000 },
  removeOnComplete: { age: 3600, count: 100 },
  removeOnFail: false,
} as const;

export interface IngestQueue {
  enqueueEvent(job: ProcessEventJob): Promise<void>;
  /**
   * Adds every job of one request atomically: the jobs of all requests of the same event-loop
   * turn go into Redis as one job, so all are queued, or none.
   */
  enqueue(jobs: QueuedJob[]): Promise<void>;
  close(): Promise<void>;
  readonly queue: Queue;
}

export function createIngestQueue(redis: Redis, prefix?: string): IngestQueue {
  // Its own connection, without auto-pipelining: ioredis copies every script defined on a
  // connection into each pipeline it builds, and BullMQ defines dozens. On the shared,
  // auto-pipelined connection that copy ran for every batch of rate-limit commands.
  const connection = redis.duplicate({ enableAutoPipelining: false });
  connection.on("error", () => undefined);
  const queue = new Queue(INGEST_QUEUE, {
    connection,
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
    ...(prefix ? { prefix } : {}),
  });
  // Connection errors surface as failed enqueues (503); the event only needs a listener.
  queue.on("error", () => undefined);
  const batcher = new JobBatcher(async (jobs) => {
    const [only] = jobs;
    // A lone job stays itself; anything more travels as one batch job (see JOB_NAMES.ingestBatch).
    if (jobs.length === 1 && only) await queue.add(only.name, only.data);
    else await queue.add(JOB_NAMES.ingestBatch, { jobs } satisfies IngestBatchJob);
  });
  // The first connect may still be under way when the first request comes in (the caller
  // waited for its own connection, not this one); after that, not ready means an outage.
  // Only awaited while the connection is not ready, so the usual request skips it.
  const firstConnect = waitForRedis(connection, FIRST_CONNECT_WAIT_MS);
  const notReady = async () => {
    if (!(await firstConnect) || !isRedisReady(connection)) throw new QueueUnavailableError("redis is not connected");
  };
  return {
    queue,
    async enqueueEvent(job) {
      if (!isRedisReady(connection)) await notReady();
      await queue.add(JOB_NAMES.processEvent, job);
    },
    async enqueue(jobs) {
      if (jobs.length === 0) return;
      if (!isRedisReady(connection)) await notReady();
      await batcher.add(jobs);
    },
    async close() {
      await queue.close();
      connection.disconnect();
    },
  };
}
