import { z } from "zod";

/** An attachment item, kept in PostgreSQL and linked to its event id (the event may come later). */
export const attachmentJobSchema = z.object({
  projectId: z.number().int().positive(),
  eventId: z.string().regex(/^[0-9a-f]{32}$/),
  receivedAt: z.number().int().nonnegative(),
  filename: z.string().min(1).max(256),
  contentType: z.string().max(256),
  /** `event.attachment`, `event.minidump`, `event.view_hierarchy`, ... (sentry-protocol.md §3.7). */
  attachmentType: z.string().max(64),
  /** The bytes, base64 (job payloads are JSON). */
  data: z.string(),
});

export type AttachmentJob = z.infer<typeof attachmentJobSchema>;
