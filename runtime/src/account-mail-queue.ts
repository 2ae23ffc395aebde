import { ACCOUNT_MAIL_JOB_NAME, ALERTS_QUEUE, accountMailJobSchema, type AccountMail } from "@faultline/core";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { DEFAULT_NOTIFY_RETRY, type NotifyRetry } from "./alerts-queue";

export interface AccountMailOptions {
  /** How sending retries (the worker's NOTIFY_* policy; capped exponential backoff). */
  retry?: NotifyRetry;
  /** BullMQ key prefix, when the worker uses one. */
  prefix?: string;
}

// One queue object per Redis connection: requests send mail often, and a Queue is not free.
const queues = new WeakMap<Redis, Map<string, Queue>>();

function queueFor(connection: Redis, prefix: string | undefined): Queue {
  let byPrefix = queues.get(connection);
  if (!byPrefix) queues.set(connection, (byPrefix = new Map()));
  const key = prefix ?? "";
  let queue = byPrefix.get(key);
  if (!queue) {
    queue = new Queue(ALERTS_QUEUE, { connection, ...(prefix ? { prefix } : {}) });
    queue.on("error", () => undefined);
    byPrefix.set(key, queue);
  }
  return queue;
}

/**
 * Queues an email to a person (invitation, password reset, workflow email) for the worker to
 * send through SMTP_URL, and returns at once: the request never waits on the mail server.
 * The job is removed once sent, and a failed one after a day, because the message may carry
 * a single-use link. Throws when the message is not one the worker would accept.
 */
export async function enqueueAccountMail(
  connection: Redis,
  mail: AccountMail,
  options: AccountMailOptions = {},
): Promise<void> {
  const data = accountMailJobSchema.parse(mail);
  const retry = options.retry ?? DEFAULT_NOTIFY_RETRY;
  await queueFor(connection, options.prefix).add(ACCOUNT_MAIL_JOB_NAME, data, {
    attempts: retry.attempts,
    backoff: { type: "capped" },
    removeOnComplete: true,
    removeOnFail: { age: 24 * 3600 },
  });
}
