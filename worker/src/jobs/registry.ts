import {
  JOB_NAMES,
  attachmentJobSchema,
  checkInJobSchema,
  feedbackJobSchema,
  flushOutcomesJobSchema,
  ingestBatchJobSchema,
  processEventJobSchema,
  retentionJobSchema,
  eventPartitionsJobSchema,
  expireIgnoresJobSchema,
  monitorClockJobSchema,
  sanitizeStrings,
  sessionsJobSchema,
} from "@faultline/core";
import {
  createMonitorCheckInsRepo,
  createMonitorsRepo,
  type IngestItemsRepo,
  type IssueCountsRepo,
  type OutcomesRepo,
} from "@faultline/db";
import { knownFailureOf } from "@faultline/runtime";
import { UnrecoverableError } from "bullmq";
import type { Redis } from "ioredis";
import type { z } from "zod";
import { createCountEventHandler } from "./count-event";
import { createFlushOutcomesHandler } from "./flush-outcomes";
import { createIngestBatchHandler } from "./ingest-batch";
import { createIngestSessionsHandler } from "./ingest-sessions";
import { createProcessEventHandler, type ProcessEventDeps } from "./process-event";
import { createExpireIgnoresHandler } from "./expire-ignores";
import { createEventPartitionsHandler } from "./event-partitions";
import { createRetentionHandler, type RetentionDeps } from "./retention";
import { createStoreAttachmentHandler, createStoreFeedbackHandler } from "./store-items";
import { createMonitorClockHandler } from "../monitors/clock";
import { createRecordCheckInHandler } from "../monitors/record-check-in";
import { createTransitionReporter } from "../monitors/report-transition";

export type JobDeps = ProcessEventDeps &
  RetentionDeps & {
    issueCounts: IssueCountsRepo;
    items: IngestItemsRepo;
    outcomes: OutcomesRepo;
    /** For bookkeeping that lives in Redis (outcome counters, session marks). */
    redis: Redis;
    /** Issues the worker resolved (a cron monitor recovered): alert channels close their incidents. */
    onIssuesResolved?: (issues: { projectId: number; issueId: string }[]) => Promise<void>;
    /** Queues jobs again one by one (the failures of an ingest batch, retried or failed at once). */
    requeue: (jobs: { name: string; data: unknown }[]) => Promise<void>;
  };

/** Runs a job by name: checks its payload against its schema, then hands it to its handler. */
export type JobRunner = (name: string, data: unknown) => Promise<void>;

interface JobDefinition<Schema extends z.ZodType> {
  schema: Schema;
  handler: (data: z.infer<Schema>) => Promise<unknown>;
}

export function createJobRunner(deps: JobDeps): JobRunner {
  const registry = createJobRegistry(deps, (name, data) => run(name, data));
  async function run(name: string, data: unknown): Promise<void> {
    const definition = registry[name];
    if (!definition) throw new UnrecoverableError(`unknown job name "${name}"`);
    // Already failed for good inside an ingest batch: straight to the failed list, with its reason.
    const knownFailure = knownFailureOf(data);
    if (knownFailure !== undefined) throw new UnrecoverableError(knownFailure);
    // The edge of processing: strings PostgreSQL cannot store (NUL, lone surrogates) are
    // replaced before anything reads them. A batch's jobs pass here one by one.
    const parsed = definition.schema.safeParse(name === JOB_NAMES.ingestBatch ? data : sanitizeStrings(data));
    // A payload that does not match its schema will never succeed: fail it without retries.
    if (!parsed.success)
      throw new UnrecoverableError(`invalid ${name} payload: ${parsed.error.issues[0]?.message ?? "?"}`);
    await definition.handler(parsed.data);
  }
  return run;
}

/** Every job the worker knows: its name, the schema its payload must match, and its handler. */
function createJobRegistry(deps: JobDeps, runJob: JobRunner): Record<string, JobDefinition<z.ZodType>> {
  const processEvent = createProcessEventHandler(deps);
  const monitors = createMonitorsRepo(deps.db);
  const checkIns = createMonitorCheckInsRepo(deps.db);
  const report = createTransitionReporter({
    db: deps.db,
    checkIns,
    processEvent,
    log: deps.log,
    ...(deps.onIssuesResolved ? { onIssuesResolved: deps.onIssuesResolved } : {}),
  });
  return {
    [JOB_NAMES.ingestBatch]: define(
      ingestBatchJobSchema,
      createIngestBatchHandler({ runJob, requeue: deps.requeue, log: deps.log }),
    ),
    [JOB_NAMES.processEvent]: define(processEventJobSchema, processEvent),
    [JOB_NAMES.countEvent]: define(processEventJobSchema, createCountEventHandler(deps, processEvent)),
    [JOB_NAMES.storeAttachment]: define(attachmentJobSchema, createStoreAttachmentHandler(deps)),
    [JOB_NAMES.ingestSessions]: define(sessionsJobSchema, createIngestSessionsHandler(deps)),
    [JOB_NAMES.storeFeedback]: define(feedbackJobSchema, createStoreFeedbackHandler(deps)),
    [JOB_NAMES.storeCheckIn]: define(
      checkInJobSchema,
      createRecordCheckInHandler({ monitors, checkIns, redis: deps.redis, log: deps.log, report }),
    ),
    [JOB_NAMES.flushOutcomes]: define(flushOutcomesJobSchema, createFlushOutcomesHandler(deps)),
    [JOB_NAMES.retention]: define(retentionJobSchema, createRetentionHandler(deps)),
    [JOB_NAMES.eventPartitions]: define(eventPartitionsJobSchema, createEventPartitionsHandler(deps)),
    [JOB_NAMES.expireIgnores]: define(expireIgnoresJobSchema, createExpireIgnoresHandler(deps)),
    [JOB_NAMES.monitorClock]: define(
      monitorClockJobSchema,
      createMonitorClockHandler({ checkIns, report, log: deps.log, ...(deps.now ? { now: deps.now } : {}) }),
    ),
  };
}

function define<Schema extends z.ZodType>(
  schema: Schema,
  handler: (data: z.infer<Schema>) => Promise<unknown>,
): JobDefinition<z.ZodType> {
  return { schema, handler: handler as (data: unknown) => Promise<unknown> };
}
