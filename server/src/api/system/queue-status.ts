import { ALERTS_QUEUE, INGEST_QUEUE, projectOfJob } from "@faultline/core";
import { replayFailedJob } from "@faultline/runtime";
import { Queue, type Job } from "bullmq";
import type { Redis } from "ioredis";

export const SYSTEM_QUEUES = [INGEST_QUEUE, ALERTS_QUEUE] as const;
export type SystemQueueName = (typeof SYSTEM_QUEUES)[number];

export interface QueueStatus {
  name: SystemQueueName;
  waiting: number;
  active: number;
  /** Jobs waiting for a later time (retries with backoff), not counting `scheduled`. */
  delayed: number;
  /** The next run of each repeatable maintenance job: a schedule, not a backlog. */
  scheduled: number;
  failed: number;
  /** Age of the oldest job still waiting to be picked up: how far behind the workers are. */
  oldestWaitingAgeSeconds: number;
}

export interface FailedJobSummary {
  queue: SystemQueueName;
  id: string;
  name: string;
  projectId: number | null;
  attempts: number;
  failedAt: string | null;
  reason: string;
}

/** Most failed jobs listed or replayed at once (the same page size as the command line's). */
export const FAILED_JOBS_PAGE = 1000;

/** Only ids, names and reasons leave here: job data is an unscrubbed event. */
export function summarizeFailedJob(queue: SystemQueueName, job: Job): FailedJobSummary {
  return {
    queue,
    id: job.id ?? "",
    name: job.name,
    projectId: projectOfJob(job),
    attempts: job.attemptsMade,
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    reason: job.failedReason ?? "",
  };
}

/** Delayed ids looked at for scheduled runs: there are as many as schedules, a handful. */
const SCHEDULED_SCAN = 1000;

/**
 * A job scheduler keeps its next run as a delayed job whose id is `repeat:<scheduler>:<time>`;
 * those are the maintenance schedule, not work waiting to be retried.
 */
async function countScheduledRuns(queue: Queue): Promise<number> {
  const ids = await queue.getRanges(["delayed"], 0, SCHEDULED_SCAN - 1, true);
  return ids.filter((id) => id.startsWith("repeat:")).length;
}

/** Reads and replays the queues the workers take jobs from, on the API's Redis connection. */
export function createQueueStatus(redis: Redis) {
  const queues = new Map<SystemQueueName, Queue>(
    SYSTEM_QUEUES.map((name) => {
      const queue = new Queue(name, { connection: redis });
      queue.on("error", () => undefined);
      return [name, queue];
    }),
  );
  const queueOf = (name: SystemQueueName): Queue => queues.get(name) as Queue;

  return {
    async status(now = Date.now()): Promise<QueueStatus[]> {
      return Promise.all(
        SYSTEM_QUEUES.map(async (name) => {
          const queue = queueOf(name);
          const counts = await queue.getJobCounts("waiting", "prioritized", "active", "delayed", "failed");
          const [oldest] = await queue.getJobs(["waiting", "prioritized"], 0, 0, true);
          const delayed = counts.delayed ?? 0;
          const scheduled = delayed > 0 ? await countScheduledRuns(queue) : 0;
          return {
            name,
            waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
            active: counts.active ?? 0,
            delayed: Math.max(0, delayed - scheduled),
            scheduled,
            failed: counts.failed ?? 0,
            oldestWaitingAgeSeconds: oldest ? Math.max(0, Math.round((now - oldest.timestamp) / 1000)) : 0,
          };
        }),
      );
    },

    async failed(names: readonly SystemQueueName[], limit: number): Promise<FailedJobSummary[]> {
      const lists = await Promise.all(
        names.map(async (name) =>
          (await queueOf(name).getFailed(0, limit - 1)).map((job) => summarizeFailedJob(name, job)),
        ),
      );
      return lists
        .flat()
        .sort((a, b) => (b.failedAt ?? "").localeCompare(a.failedAt ?? ""))
        .slice(0, limit);
    },

    /** Puts failed jobs back on their queue, as `failed-jobs --replay` does; ids not failed are reported. */
    async replay(name: SystemQueueName, ids: string[] | "all"): Promise<{ replayed: string[]; missing: string[] }> {
      const queue = queueOf(name);
      const jobs =
        ids === "all"
          ? await queue.getFailed(0, FAILED_JOBS_PAGE - 1)
          : await Promise.all(ids.map(async (id) => (await queue.getJob(id)) ?? id));
      const replayed: string[] = [];
      const missing: string[] = [];
      for (const job of jobs) {
        if (typeof job === "string") {
          missing.push(job);
          continue;
        }
        if ((await job.getState()) !== "failed") {
          missing.push(job.id ?? "");
          continue;
        }
        await replayFailedJob(job);
        replayed.push(job.id ?? "");
      }
      return { replayed, missing };
    },
  };
}

export type QueueStatusReader = ReturnType<typeof createQueueStatus>;
