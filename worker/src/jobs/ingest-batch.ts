import { withKnownFailure, type Logger } from "@faultline/runtime";
import { UnrecoverableError } from "bullmq";

interface CarriedJob {
  name: string;
  data: unknown;
}

export interface IngestBatchDeps {
  /** Runs one carried job exactly as if it had been queued on its own (schema check, handler). */
  runJob: (name: string, data: unknown) => Promise<void>;
  /** Queues jobs again, each on its own, with the ingest retry policy. */
  requeue: (jobs: CarriedJob[]) => Promise<void>;
  log: Logger;
}

/**
 * ingest.batch: runs every carried job at once (their events meet in the event batcher, so they
 * share storage transactions). Jobs that fail are queued again one by one: the ones that
 * succeeded are not redone, and each failure gets its own attempts, backoff and place in the
 * failed list. A job that failed for good (an UnrecoverableError: bad payload, data PostgreSQL
 * refuses, over its processing time) is queued marked with its reason, so it goes to the failed
 * list at once without running again. Only when that requeue itself fails is the whole batch
 * retried; every handler is idempotent per event id, so the redone ones do not count twice.
 */
export function createIngestBatchHandler({ runJob, requeue, log }: IngestBatchDeps) {
  return async (batch: { jobs: CarriedJob[] }): Promise<void> => {
    const results = await Promise.allSettled(batch.jobs.map((job) => runJob(job.name, job.data)));
    const failed: CarriedJob[] = [];
    let firstFailure: unknown;
    batch.jobs.forEach((job, index) => {
      const result = results[index];
      if (result?.status !== "rejected") return;
      firstFailure ??= result.reason;
      failed.push(
        result.reason instanceof UnrecoverableError
          ? { name: job.name, data: withKnownFailure(job.data, result.reason.message) }
          : job,
      );
    });
    if (failed.length === 0) return;
    await requeue(failed);
    // Counts and the reason only: job data is an unscrubbed payload.
    log.warn(
      { failed: failed.length, of: batch.jobs.length, err: firstFailure },
      "jobs of an ingest batch failed; queued again one by one",
    );
  };
}
