import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

/**
 * Attachment bytes travel beside their job, not inside it: a job payload is JSON, so bytes in it
 * would be base64-encoded, copied into a JSON string and parsed back — for a 256 KB attachment
 * that cost more than everything else the request did. A blob is written raw under its own key
 * (before the job is queued) and deleted once the worker has stored it.
 */

/** Long enough to outlive any worker outage the queue itself survives; the worker deletes sooner. */
export const BLOB_TTL_SECONDS = 7 * 24 * 3600;

export function newBlobKey(): string {
  return `fl:blob:${randomUUID()}`;
}

/** Writes the blobs in one round trip; rejects if any write failed (the request then answers 503). */
export async function putBlobs(redis: Redis, blobs: [key: string, bytes: Buffer][]): Promise<void> {
  if (blobs.length === 0) return;
  const multi = redis.multi();
  for (const [key, bytes] of blobs) multi.set(key, bytes, "EX", BLOB_TTL_SECONDS);
  const results = await multi.exec();
  const failed = results?.find(([error]) => error !== null);
  if (!results || failed) throw failed?.[0] ?? new Error("blob write was discarded");
}

/** The blob's bytes, or null when it is gone (already stored and deleted, or expired). */
export function readBlob(redis: Redis, key: string): Promise<Buffer | null> {
  return redis.getBuffer(key);
}

export async function deleteBlob(redis: Redis, key: string): Promise<void> {
  await redis.del(key);
}
