import type { AttachmentJob, FeedbackJob } from "@faultline/core";
import type { IngestItemsRepo } from "@faultline/db";
import { deleteBlob, readBlob, type Logger } from "@faultline/runtime";
import type { Redis } from "ioredis";

export interface StoreItemsDeps {
  items: IngestItemsRepo;
  /** Where attachment bytes wait (see runtime/src/blobs.ts). */
  redis: Redis;
  log: Logger;
}

/** attachment.store: the bytes into PostgreSQL, once per (event, filename, content). */
export function createStoreAttachmentHandler({ items, redis, log }: StoreItemsDeps) {
  return async (job: AttachmentJob): Promise<void> => {
    const data = job.blobKey === undefined ? Buffer.from(job.data ?? "", "base64") : await readBlob(redis, job.blobKey);
    if (data === null) {
      // Only a retry after the bytes were stored and deleted, or an outage longer than the blob TTL.
      log.warn({ projectId: job.projectId, eventId: job.eventId }, "attachment bytes no longer in Redis; skipped");
      return;
    }
    await items.storeAttachment({
      projectId: job.projectId,
      eventId: job.eventId,
      filename: job.filename,
      contentType: job.contentType,
      attachmentType: job.attachmentType,
      data,
    });
    if (job.blobKey !== undefined) await deleteBlob(redis, job.blobKey);
  };
}

/** feedback.store: user_report and feedback items, linked to the event's issue when known. */
export function createStoreFeedbackHandler({ items }: StoreItemsDeps) {
  return async (job: FeedbackJob): Promise<void> => {
    await items.storeFeedback({
      projectId: job.projectId,
      feedbackId: job.feedbackId,
      eventId: job.eventId,
      name: job.name,
      email: job.email,
      comments: job.comments,
      url: job.url,
      source: job.source,
    });
  };
}
