import {
  ALERT_JOB_NAMES,
  ALERTS_QUEUE,
  type DeliveryChannel,
  type EvaluateAlertsJob,
  type IssueResolvedJob,
} from "@faultline/core";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";

export type { DeliveryChannel };

/** How notification jobs retry: exponential backoff from `backoffMs`, capped at `maxBackoffMs`. */
export interface NotifyRetry {
  attempts: number;
  backoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_NOTIFY_RETRY: NotifyRetry = { attempts: 6, backoffMs: 30_000, maxBackoffMs: 15 * 60_000 };

/** The delay before retry number `attemptsMade` (1-based): base·2^(n-1), never more than the cap. */
export function notifyBackoff(retry: NotifyRetry, attemptsMade: number): number {
  return Math.min(retry.backoffMs * 2 ** Math.max(0, attemptsMade - 1), retry.maxBackoffMs);
}

export interface AlertsQueue {
  evaluate(job: EvaluateAlertsJob): Promise<void>;
  /** The rule's digest job, `delayMs` from now. */
  digest(ruleId: number, delayMs: number): Promise<void>;
  /**
   * One delivery job. The job id makes a repeated enqueue of the same delivery (a retried
   * evaluation) a no-op; `round` distinguishes a manual retry of a failed delivery.
   */
  deliver(channel: DeliveryChannel, deliveryId: bigint, round?: string): Promise<void>;
  /** Issues were resolved (API, sentry-cli, release): PagerDuty / Opsgenie incidents of theirs get closed. */
  issuesResolved(jobs: IssueResolvedJob[]): Promise<void>;
  close(): Promise<void>;
  readonly queue: Queue;
}

export function createAlertsQueue(
  connection: Redis,
  retry: NotifyRetry = DEFAULT_NOTIFY_RETRY,
  prefix?: string,
): AlertsQueue {
  const queue = new Queue(ALERTS_QUEUE, {
    connection,
    defaultJobOptions: {
      attempts: 3,
      backoff: { type: "exponential", delay: 1000 },
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 5000 },
    },
    ...(prefix ? { prefix } : {}),
  });
  queue.on("error", () => undefined);
  return {
    queue,
    async evaluate(job) {
      await queue.add(ALERT_JOB_NAMES.evaluate, job);
    },
    async digest(ruleId, delayMs) {
      await queue.add(ALERT_JOB_NAMES.digest, { ruleId }, { delay: delayMs });
    },
    async deliver(channel, deliveryId, round = "0") {
      await queue.add(
        ALERT_JOB_NAMES[channel],
        { deliveryId: String(deliveryId) },
        { jobId: `delivery-${deliveryId}-${round}`, attempts: retry.attempts, backoff: { type: "capped" } },
      );
    },
    async issuesResolved(jobs) {
      if (jobs.length === 0) return;
      await queue.addBulk(jobs.map((data) => ({ name: ALERT_JOB_NAMES.resolved, data })));
    },
    close: () => queue.close(),
  };
}
