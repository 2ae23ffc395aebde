import { z } from "zod";

/** Settings of `npm start`'s worker process, besides the worker's own. */
export const supervisorConfigSchema = z.object({
  /**
   * How long the worker process may take to finish its jobs on shutdown before it is killed
   * (its unfinished jobs then run again on the next start). Below Kubernetes' default grace of
   * 30 s, so the server process still exits on its own.
   */
  WORKER_STOP_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(25),
});

export type SupervisorConfig = z.infer<typeof supervisorConfigSchema>;
