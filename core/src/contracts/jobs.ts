import { z } from "zod";
import type { checkInJobSchema } from "./check-in-job";
import type { attachmentJobSchema } from "./attachment-job";
import type { feedbackJobSchema } from "./feedback-job";
import type { sessionsJobSchema } from "./sessions-job";

export * from "./attachment-job";
export * from "./check-in-job";
export * from "./feedback-job";
export * from "./sessions-job";

/** One queue carries everything ingest hands to the worker; job names say what each job is. */
export const INGEST_QUEUE = "ingest";

export const JOB_NAMES = {
  processEvent: "event.process",
  /** Spike protection: group and count the event on its issue, store the payload only if the issue is new. */
  countEvent: "event.count",
  storeAttachment: "attachment.store",
  ingestSessions: "session.ingest",
  storeFeedback: "feedback.store",
  storeCheckIn: "check_in.store",
  /** Repeatable: moves the outcome counters from Redis to PostgreSQL. */
  flushOutcomes: "outcomes.flush",
  /** Repeatable: deletes events past retention and trims issues over their stored-event cap. */
  retention: "maintenance.retention",
  /** Repeatable: issues ignored until a time that has passed become unresolved again. */
  expireIgnores: "maintenance.expire-ignores",
} as const;

export type JobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES];

export const processEventJobSchema = z.object({
  projectId: z.number().int().positive(),
  /** 32 lowercase hex characters. */
  eventId: z.string().regex(/^[0-9a-f]{32}$/),
  /** Milliseconds since the epoch. */
  receivedAt: z.number().int().nonnegative(),
  clientIp: z.string().max(64).optional(),
  /** The event payload exactly as the SDK sent it (parsed JSON); normalized by the worker. */
  event: z.record(z.string(), z.unknown()),
});

export type ProcessEventJob = z.infer<typeof processEventJobSchema>;

export const flushOutcomesJobSchema = z.object({}).passthrough();

export const retentionJobSchema = z.object({}).passthrough();

export const expireIgnoresJobSchema = z.object({}).passthrough();

/** What ingest puts on the queue: a job name and the payload its schema accepts. */
export type QueuedJob =
  | { name: typeof JOB_NAMES.processEvent | typeof JOB_NAMES.countEvent; data: ProcessEventJob }
  | { name: typeof JOB_NAMES.storeAttachment; data: z.infer<typeof attachmentJobSchema> }
  | { name: typeof JOB_NAMES.ingestSessions; data: z.infer<typeof sessionsJobSchema> }
  | { name: typeof JOB_NAMES.storeFeedback; data: z.infer<typeof feedbackJobSchema> }
  | { name: typeof JOB_NAMES.storeCheckIn; data: z.infer<typeof checkInJobSchema> };
