import {
  JOB_NAMES,
  attachmentJobSchema,
  checkInJobSchema,
  feedbackJobSchema,
  flushOutcomesJobSchema,
  processEventJobSchema,
  retentionJobSchema,
  expireIgnoresJobSchema,
  sessionsJobSchema,
} from "@faultline/core";
import type { IngestItemsRepo, IssueCountsRepo, OutcomesRepo } from "@faultline/db";
import type { Redis } from "ioredis";
import type { z } from "zod";
import { createCountEventHandler } from "./count-event";
import { createFlushOutcomesHandler } from "./flush-outcomes";
import { createIngestSessionsHandler } from "./ingest-sessions";
import { createProcessEventHandler, type ProcessEventDeps } from "./process-event";
import { createExpireIgnoresHandler } from "./expire-ignores";
import { createRetentionHandler, type RetentionDeps } from "./retention";
import { createStoreAttachmentHandler, createStoreCheckInHandler, createStoreFeedbackHandler } from "./store-items";

export type JobDeps = ProcessEventDeps &
  RetentionDeps & {
    issueCounts: IssueCountsRepo;
    items: IngestItemsRepo;
    outcomes: OutcomesRepo;
    /** For bookkeeping that lives in Redis (outcome counters, session marks). */
    redis: Redis;
  };

interface JobDefinition<Schema extends z.ZodType> {
  schema: Schema;
  handler: (data: z.infer<Schema>) => Promise<unknown>;
}

/** Every job the worker knows: its name, the schema its payload must match, and its handler. */
export function createJobRegistry(deps: JobDeps): Record<string, JobDefinition<z.ZodType>> {
  const processEvent = createProcessEventHandler(deps);
  return {
    [JOB_NAMES.processEvent]: define(processEventJobSchema, processEvent),
    [JOB_NAMES.countEvent]: define(processEventJobSchema, createCountEventHandler(deps, processEvent)),
    [JOB_NAMES.storeAttachment]: define(attachmentJobSchema, createStoreAttachmentHandler(deps)),
    [JOB_NAMES.ingestSessions]: define(sessionsJobSchema, createIngestSessionsHandler(deps)),
    [JOB_NAMES.storeFeedback]: define(feedbackJobSchema, createStoreFeedbackHandler(deps)),
    [JOB_NAMES.storeCheckIn]: define(checkInJobSchema, createStoreCheckInHandler(deps)),
    [JOB_NAMES.flushOutcomes]: define(flushOutcomesJobSchema, createFlushOutcomesHandler(deps)),
    [JOB_NAMES.retention]: define(retentionJobSchema, createRetentionHandler(deps)),
    [JOB_NAMES.expireIgnores]: define(expireIgnoresJobSchema, createExpireIgnoresHandler(deps)),
  };
}

function define<Schema extends z.ZodType>(
  schema: Schema,
  handler: (data: z.infer<Schema>) => Promise<unknown>,
): JobDefinition<z.ZodType> {
  return { schema, handler: handler as (data: unknown) => Promise<unknown> };
}
