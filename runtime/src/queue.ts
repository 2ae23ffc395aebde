import { INGEST_QUEUE, JOB_NAMES, type ProcessEventJob, type QueuedJob } from "@faultline/core";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { JobBatcher } from "./job-batcher";
import { isRedisReady } from "./redis";

export class QueueUnavailableError extends Error {
  override readonly name = "QueueUnavailableError";
}

/**
 * Retries with backoff; failed jobs are kept so an operator can inspect and replay them.
 * Completed jobs still hold the payload as the SDK sent it (unscrubbed), so only the latest
 * few are kept, and none for longer than an hour: enough to look at recent traffic, never a
 * second copy of personal data that `forget-user` cannot reach.
 */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: "exponential", delay: 1000 },
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: false,
} as const;

export interface IngestQueue {
  enqueueEvent(job: ProcessEventJob): Promise<void>;
  /**
   * Adds every job of one request atomically (a MULTI shared with the requests of the same
   * event-loop turn): all are queued, or none.
   */
  enqueue(jobs: QueuedJob[]): Promise<void>;
  close(): Promise<void>;
  readonly queue: Queue;
}

export function createIngestQueue(connection: Redis, prefix?: string): IngestQueue {
  const queue = new Queue(INGEST_QUEUE, {
    connection,
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
    ...(prefix ? { prefix } : {}),
  });
  // Connection errors surface as failed enqueues (503); the event only needs a listener.
  queue.on("error", () => undefined);
  const batcher = new JobBatcher((jobs) => queue.addBulk(jobs.map((job) => ({ name: job.name, data: job.data }))));
  const ready = () => {
    if (!isRedisReady(connection)) throw new QueueUnavailableError("redis is not connected");
  };
  return {
    queue,
    async enqueueEvent(job) {
      ready();
      await queue.add(JOB_NAMES.processEvent, job);
    },
    async enqueue(jobs) {
      if (jobs.length === 0) return;
      ready();
      await batcher.add(jobs);
    },
    close: () => queue.close(),
  };
}
