import { connectRedis, type Logger } from "@faultline/runtime";
import type { Redis } from "ioredis";
import { z } from "zod";
import type { KeyCache } from "./key-cache";

/**
 * Every server caches project keys in memory (`KeyCache`). When a key is revoked, disabled,
 * deleted or its rate limit changes on one server, that server publishes the change on a Redis
 * channel and every server (itself included) drops the cached entries — so a revoked DSN stops
 * working everywhere within moments instead of after KEY_CACHE_TTL_SECONDS.
 */
const keyChangeSchema = z.union([
  z.object({ publicKeys: z.array(z.string().min(1).max(64)).min(1).max(1000) }),
  z.object({ projectId: z.number().int().positive() }),
]);

export type KeyChange = z.infer<typeof keyChangeSchema>;

/** Tells every server a key (or all keys of a project) changed. */
export type KeyChangeNotifier = (change: KeyChange) => Promise<void>;

/**
 * Pub/sub channels are shared by all databases of a Redis server: the database number in the
 * name keeps two installs on one Redis (or parallel test runs) from invalidating each other.
 */
export function keyChangeChannel(redis: Redis): string {
  return `fl:key-changes:${redis.options.db ?? 0}`;
}

function apply(cache: KeyCache, change: KeyChange): void {
  if ("projectId" in change) cache.invalidateProject(change.projectId);
  else for (const key of change.publicKeys) cache.invalidate(key);
}

/**
 * The notifier the web API calls after a change is committed: this process's cache at once,
 * the others through Redis. If Redis is down the others keep the old entry until its TTL ends
 * (and clear their whole cache when their subscription reconnects), so this never fails the
 * request that made the change.
 */
export function createKeyChangeNotifier(publisher: Redis, cache: KeyCache, log: Logger): KeyChangeNotifier {
  const channel = keyChangeChannel(publisher);
  return async (change) => {
    apply(cache, change);
    try {
      await publisher.publish(channel, JSON.stringify(change));
    } catch (error) {
      log.warn({ err: error }, "key change not published; other servers keep the key until their cache expires");
    }
  };
}

export interface KeyChangeSubscription {
  /** Resolves once the first subscription is in place. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Listens for key changes on a dedicated connection (a subscribed connection can send nothing
 * else). ioredis reconnects and resubscribes by itself; changes published while this process
 * was disconnected are lost, so every reconnection clears the whole cache.
 */
export function subscribeToKeyChanges(redisUrl: string, cache: KeyCache, log: Logger): KeyChangeSubscription {
  const subscriber = connectRedis(redisUrl, {
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  const channel = keyChangeChannel(subscriber);
  let connectedBefore = false;
  subscriber.on("error", (error: Error) => log.warn({ err: error.message }, "key change subscription error"));
  subscriber.on("ready", () => {
    if (connectedBefore) {
      cache.invalidate();
      log.info("key change subscription reconnected; key cache cleared");
    }
    connectedBefore = true;
  });
  subscriber.on("message", (from: string, message: string) => {
    if (from !== channel) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      parsed = undefined;
    }
    const change = keyChangeSchema.safeParse(parsed);
    if (change.success) apply(cache, change.data);
    else log.warn({ channel }, "ignored a malformed key change message");
  });
  const ready = subscriber.subscribe(channel).then(() => undefined);
  // The caller awaits `ready` if it wants to; an early failure must not be an unhandled rejection.
  ready.catch((error: unknown) => log.warn({ err: error }, "key change subscription failed; retrying"));
  return {
    ready,
    async close() {
      // QUIT on a connection that is down would wait for the reconnection: just drop it then.
      if (subscriber.status === "ready") await subscriber.quit().catch(() => subscriber.disconnect());
      else subscriber.disconnect();
    },
  };
}
