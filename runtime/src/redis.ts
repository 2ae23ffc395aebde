import { Redis } from "ioredis";

/**
 * For request paths (producers, rate limits): a Redis outage must turn into a fast error (and a
 * 503 to the SDK), never a hanging request or a write replayed after the SDK was told it failed.
 *
 * ioredis's `enableOfflineQueue: false` would also refuse the SELECT it sends while connecting,
 * silently leaving a `redis://host/N` URL on database 0. So the offline queue stays on for the
 * handshake, and callers refuse to send anything while the connection is not ready
 * (`isRedisReady`); unanswered commands are not resent after a reconnect.
 */
export function createProducerRedis(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 1,
    autoResendUnfulfilledCommands: false,
    connectTimeout: 2000,
    commandTimeout: 2000,
    // Commands of concurrent requests issued in the same tick go out in one write.
    enableAutoPipelining: true,
    // Keep reconnecting in the background; requests fail fast meanwhile.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

export function isRedisReady(redis: Redis): boolean {
  return redis.status === "ready";
}

/** For BullMQ workers: blocking commands must wait through outages rather than fail. */
export function createWorkerRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, retryStrategy: (attempt) => Math.min(attempt * 200, 2000) });
}

/** Resolves once the connection is ready, or after `timeoutMs` (the caller decides what that means). */
export async function waitForRedis(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (isRedisReady(redis)) return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off("ready", onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once("ready", onReady);
  });
}
