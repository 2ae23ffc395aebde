import { z } from "zod";

/** An attachment item, kept in PostgreSQL and linked to its event id (the event may come later). */
export const attachmentJobSchema = z
  .object({
    projectId: z.number().int().positive(),
    eventId: z.string().regex(/^[0-9a-f]{32}$/),
    receivedAt: z.number().int().nonnegative(),
    filename: z.string().min(1).max(256),
    contentType: z.string().max(256),
    /** `event.attachment`, `event.minidump`, `event.view_hierarchy`, ... (sentry-protocol.md §3.7). */
    attachmentType: z.string().max(64),
    /** Where the bytes wait in Redis (written raw by the server, deleted by the worker). */
    blobKey: z.string().max(128).optional(),
    /** The bytes, base64: how jobs queued by earlier versions carry them. */
    data: z.string().optional(),
  })
  .refine((job) => job.blobKey !== undefined || job.data !== undefined, "blobKey or data is required");

export type AttachmentJob = z.infer<typeof attachmentJobSchema>;
