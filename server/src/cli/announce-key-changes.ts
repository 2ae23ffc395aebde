import { connectRedis } from "@faultline/runtime";
import { keyChangeChannel, type KeyChange } from "../ingest/key-changes";

/**
 * Tells running servers that keys changed (as the web API does), so a DSN adopted from the
 * command line is honoured at once rather than after their key cache's TTL. Redis being down
 * does not fail the command: the answer is a warning to print (null when every server was told).
 */
export async function announceKeyChanges(redisUrl: string, changes: KeyChange[]): Promise<string | null> {
  if (changes.length === 0) return null;
  const redis = connectRedis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    const channel = keyChangeChannel(redis);
    for (const change of changes) await redis.publish(channel, JSON.stringify(change));
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `Running servers were not told (Redis: ${reason}): an adopted DSN's new key works at once, an existing key answers on an adopted id once their key cache expires (KEY_CACHE_TTL_SECONDS).`;
  } finally {
    redis.disconnect();
  }
}
