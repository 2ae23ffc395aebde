import { z } from "zod";

/** A `user_report` or `feedback` item (sentry-protocol.md §9.5). */
export const feedbackJobSchema = z.object({
  projectId: z.number().int().positive(),
  /** The feedback's own id: the feedback event's id, or for a user_report the event it is about. */
  feedbackId: z.string().regex(/^[0-9a-f]{32}$/),
  /** The error event the user was looking at, when known. */
  eventId: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .nullable(),
  receivedAt: z.number().int().nonnegative(),
  name: z.string().max(256),
  email: z.string().max(256),
  comments: z.string().max(10_000),
  url: z.string().max(2048).nullable(),
  source: z.enum(["user_report", "feedback"]),
});

export type FeedbackJob = z.infer<typeof feedbackJobSchema>;
