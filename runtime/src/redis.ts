import type { Redis } from "ioredis";
import type { Logger } from "./logger";
import { connectRedis } from "./redis-connection";

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
  return connectRedis(url, {
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
  return connectRedis(url, { maxRetriesPerRequest: null, retryStrategy: (attempt) => Math.min(attempt * 200, 2000) });
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

/**
 * Whether Redis keeps the queue on disk: "off" when AOF is off and no snapshots are configured
 * (a restart then loses every event answered 200 and not yet stored); "unknown" when CONFIG is
 * not allowed (managed Redis often blocks or renames it) or Redis does not answer.
 */
export type RedisPersistence = "on" | "off" | "unknown";

export const REDIS_PERSISTENCE_WARNING =
  'Redis persists nothing (appendonly no, save ""): events accepted but not yet stored are lost if Redis restarts; set appendonly yes to keep them';

export async function redisPersistence(redis: Redis): Promise<RedisPersistence> {
  try {
    const [appendonly, save] = await Promise.all([configValue(redis, "appendonly"), configValue(redis, "save")]);
    if (appendonly === undefined || save === undefined) return "unknown";
    return appendonly === "no" && save.trim() === "" ? "off" : "on";
  } catch {
    return "unknown";
  }
}

async function configValue(redis: Redis, name: string): Promise<string | undefined> {
  // [name, value], or [] when the parameter is not known.
  const reply = (await redis.config("GET", name)) as unknown;
  return Array.isArray(reply) && typeof reply[1] === "string" ? reply[1] : undefined;
}

/**
 * Logs a warning when Redis persists nothing, at start and again whenever the connection is
 * made anew (Redis may have come back with another configuration). A warning, not an error:
 * some operators run Redis without persistence on purpose.
 */
export function warnIfRedisPersistsNothing(redis: Redis, log: Pick<Logger, "warn" | "info">): void {
  const check = () => {
    redisPersistence(redis).then(
      (state) => {
        if (state === "off") log.warn({ redisPersistence: state }, REDIS_PERSISTENCE_WARNING);
        else if (state === "unknown")
          log.info(
            { redisPersistence: state },
            "could not read Redis persistence settings (CONFIG GET refused or unanswered)",
          );
      },
      () => undefined,
    );
  };
  redis.on("ready", check);
  if (isRedisReady(redis)) check();
}
