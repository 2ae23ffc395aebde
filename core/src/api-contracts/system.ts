import { z } from "zod";

const queueName = z.enum(["ingest", "alerts"]);

/** `POST /internal/system/failed-jobs/replay/`: some failed jobs of a queue, or all of them. */
export const replayFailedJobsBody = z.union([
  z.object({ queue: queueName, ids: z.array(z.string().min(1).max(200)).min(1).max(1000) }).strict(),
  z.object({ queue: queueName, all: z.literal(true) }).strict(),
]);

export type ReplayFailedJobsBody = z.infer<typeof replayFailedJobsBody>;
