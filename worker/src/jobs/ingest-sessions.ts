import { aggregateSessions, erroredSessionIds, sessionUsers, type SessionsJob } from "@faultline/core";
import type { IngestItemsRepo } from "@faultline/db";
import type { Redis } from "ioredis";

export interface IngestSessionsDeps {
  items: IngestItemsRepo;
  redis: Redis;
}

/** Sessions report their running error count on every update; one errored session is counted once. */
const ERRORED_MARK_TTL_SECONDS = 6 * 24 * 3600;

/**
 * session.ingest: adds a request's session updates and aggregates to the hourly release-health
 * buckets. Which sessions are newly errored is decided in Redis (SET NX per session id).
 */
export function createIngestSessionsHandler({ items, redis }: IngestSessionsDeps) {
  return async (job: SessionsJob): Promise<void> => {
    const fresh = new Set<string>();
    for (const sid of new Set(erroredSessionIds(job))) {
      const marked = await redis.set(`fl:sess:err:${job.projectId}:${sid}`, "1", "EX", ERRORED_MARK_TTL_SECONDS, "NX");
      if (marked === "OK") fresh.add(sid);
    }
    const buckets = aggregateSessions(job, (sid) => (sid === undefined ? true : fresh.delete(sid)));
    await items.addSessionBuckets(
      buckets.map((bucket) => ({ ...bucket, projectId: job.projectId, bucket: new Date(bucket.bucket) })),
    );
    await items.addSessionUsers(sessionUsers(job).map((user) => ({ ...user, projectId: job.projectId })));
  };
}
