import type { QueuedJob } from "@faultline/core";
import { isRedisReady, type IngestQueue } from "@faultline/runtime";
import type { Redis } from "ioredis";
import { IngestError } from "./ingest-error";

const REDIS_TIMEOUT_MS = 3000;

/**
 * The event is in Redis before the SDK hears 200. When Redis is unreachable the SDK gets a
 * quick 503 (it will retry or keep the event) instead of a hang or a false success.
 */
export async function enqueueOrUnavailable(queue: IngestQueue, jobs: QueuedJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await redisOrUnavailable(null, () => queue.enqueue(jobs));
}

/** Any Redis step of a request: an outage or a timeout becomes a 503 with Retry-After. */
export async function redisOrUnavailable<T>(redis: Redis | null, step: () => Promise<T>): Promise<T> {
  if (redis && !isRedisReady(redis)) throw unavailable(new Error("redis is not connected"));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("redis timed out")), REDIS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([step(), timeout]);
  } catch (error) {
    throw unavailable(error);
  } finally {
    clearTimeout(timer);
  }
}

function unavailable(cause: unknown): IngestError {
  return new IngestError(503, "event queue unavailable, retry later", { "Retry-After": "5" }, cause);
}
