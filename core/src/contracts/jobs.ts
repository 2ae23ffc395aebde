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
  /**
   * Everything the requests of one event-loop turn queued, as one job: one queue write and one
   * worker fetch for many events, so BullMQ's per-job cost is paid per batch, not per event.
   */
  ingestBatch: "ingest.batch",
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
  /** Repeatable: makes the coming days' event partitions before their events arrive. */
  eventPartitions: "maintenance.event-partitions",
  /** Repeatable: issues ignored until a time that has passed become unresolved again. */
  expireIgnores: "maintenance.expire-ignores",
  /** Repeatable: cron monitors' missed and timed-out check-ins. */
  monitorClock: "monitor.clock",
} as const;

export type JobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES];

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export const processEventJobSchema = z.object({
  projectId: z.number().int().positive(),
  /** 32 lowercase hex characters. */
  eventId: z.string().regex(/^[0-9a-f]{32}$/),
  /** Milliseconds since the epoch. */
  receivedAt: z.number().int().nonnegative(),
  clientIp: z.string().max(64).optional(),
  /**
   * The event payload exactly as the SDK sent it (parsed JSON); normalized by the worker.
   * Checked for being an object, not copied key by key as z.record would: it can be large.
   */
  event: z.custom<Record<string, unknown>>(isJsonObject, "event must be a JSON object"),
});

export type ProcessEventJob = z.infer<typeof processEventJobSchema>;

export const flushOutcomesJobSchema = z.object({}).passthrough();

export const retentionJobSchema = z.object({}).passthrough();

export const eventPartitionsJobSchema = z.object({}).passthrough();

export const expireIgnoresJobSchema = z.object({}).passthrough();

/** What ingest puts on the queue: a job name and the payload its schema accepts. */
export type QueuedJob =
  | { name: typeof JOB_NAMES.processEvent | typeof JOB_NAMES.countEvent; data: ProcessEventJob }
  | { name: typeof JOB_NAMES.storeAttachment; data: z.infer<typeof attachmentJobSchema> }
  | { name: typeof JOB_NAMES.ingestSessions; data: z.infer<typeof sessionsJobSchema> }
  | { name: typeof JOB_NAMES.storeFeedback; data: z.infer<typeof feedbackJobSchema> }
  | { name: typeof JOB_NAMES.storeCheckIn; data: z.infer<typeof checkInJobSchema> };

/** The jobs one `ingest.batch` carries; each is checked against its own schema by the worker. */
export const ingestBatchJobSchema = z.object({
  // A batch never carries a batch: ingest does not nest them, and a crafted one must not loop.
  jobs: z
    .array(z.object({ name: z.string().refine((name) => name !== JOB_NAMES.ingestBatch), data: z.unknown() }))
    .min(1),
});

export interface IngestBatchJob {
  jobs: QueuedJob[];
}

/**
 * The project a queued job belongs to: its own projectId, or for an ingest batch the one project
 * all its carried jobs share (null when they are of several projects, or there is none).
 */
export function projectOfJob(job: { name: string; data: unknown }): number | null {
  const projects = new Set(
    jobsCarriedBy(job).map((carried) => (carried.data as { projectId?: unknown } | null | undefined)?.projectId),
  );
  const [only] = projects;
  return projects.size === 1 && typeof only === "number" ? only : null;
}

/** The jobs a queued job stands for: the ones it carries if it is a batch, else itself. */
export function jobsCarriedBy(job: { name: string; data: unknown }): { name: string; data: unknown }[] {
  if (job.name !== JOB_NAMES.ingestBatch) return [job];
  const parsed = ingestBatchJobSchema.safeParse(job.data);
  return parsed.success ? parsed.data.jobs : [];
}
