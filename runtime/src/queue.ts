import { INGEST_QUEUE, JOB_NAMES, type IngestBatchJob, type ProcessEventJob, type QueuedJob } from "@faultline/core";
import { Queue, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { JobBatcher } from "./job-batcher";
import { isRedisReady, waitForRedis } from "./redis";

const FIRST_CONNECT_WAIT_MS = 2000;

export class QueueUnavailableError extends Error {
  override readonly name = "QueueUnavailableError";
}

/** FAILED_JOB_RETENTION_HOURS when not set: a long weekend to notice and replay a failure. */
export const DEFAULT_FAILED_JOB_RETENTION_HOURS = 72;

/**
 * Retries with exponential backoff (1 s, 2 s, 4 s, ... 64 s), each delay drawn at random from its
 * upper half (BullMQ's `jitter`), so jobs that failed together (one outage, one batch) come back
 * spread out instead of meeting again in the same batch.
 *
 * A job holds the payload as the SDK sent it, unscrubbed (passwords, Authorization headers): a
 * completed job is removed at once, and a failed one is kept only `failedJobRetentionHours` for
 * an operator to replay (BullMQ drops older failures whenever a job fails; the worker sweeps
 * the rest hourly). Never a lasting second copy of personal data that `forget-user` cannot reach.
 */
export function ingestJobOptions(failedJobRetentionHours = DEFAULT_FAILED_JOB_RETENTION_HOURS) {
  return {
    attempts: 8,
    backoff: { type: "exponential", delay: 1000, jitter: 0.5 },
    removeOnComplete: true,
    removeOnFail: { age: failedJobRetentionHours * 3600 },
  } as const;
}

export const DEFAULT_JOB_OPTIONS = ingestJobOptions();

/**
 * A job that already failed for good where it was first run (a job carried by an ingest batch
 * whose failure will not change on a retry) is queued again on its own with its reason in this
 * field, so it lands in the failed list at once, listed alone, without running a second time.
 */
const KNOWN_FAILURE = "failedWith";

/** The job data, marked to fail at once with `reason`; data that is not an object is left as is. */
export function withKnownFailure(data: unknown, reason: string): unknown {
  return isRecord(data) ? { ...data, [KNOWN_FAILURE]: reason } : data;
}

/** The reason a job was queued to fail at once with, if it was. */
export function knownFailureOf(data: unknown): string | undefined {
  const reason = isRecord(data) ? data[KNOWN_FAILURE] : undefined;
  return typeof reason === "string" ? reason : undefined;
}

/**
 * Puts a failed job back on its queue with a full set of attempts (BullMQ's plain retry keeps
 * the attempts made, which left a replayed job a single try), and without a known failure, so
 * it runs for real.
 */
export async function replayFailedJob(job: Job): Promise<void> {
  if (knownFailureOf(job.data) !== undefined && isRecord(job.data)) {
    const { [KNOWN_FAILURE]: _reason, ...data } = job.data;
    await job.updateData(data);
  }
  await job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

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

export interface IngestQueueOptions {
  prefix?: string;
  /** FAILED_JOB_RETENTION_HOURS (see ingestJobOptions). */
  failedJobRetentionHours?: number;
}

export function createIngestQueue(redis: Redis, options: IngestQueueOptions = {}): IngestQueue {
  const { prefix, failedJobRetentionHours } = options;
  // Its own connection, without auto-pipelining: ioredis copies every script defined on a
  // connection into each pipeline it builds, and BullMQ defines dozens. On the shared,
  // auto-pipelined connection that copy ran for every batch of rate-limit commands.
  const connection = redis.duplicate({ enableAutoPipelining: false });
  connection.on("error", () => undefined);
  const queue = new Queue(INGEST_QUEUE, {
    connection,
    defaultJobOptions: ingestJobOptions(failedJobRetentionHours),
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
