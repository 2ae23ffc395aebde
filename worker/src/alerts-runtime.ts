import {
  ACCOUNT_MAIL_JOB_NAME,
  ALERT_JOB_NAMES,
  ALERTS_QUEUE,
  DELIVERY_CHANNELS,
  accountMailJobSchema,
  deliveryJobSchema,
  issueResolvedJobSchema,
  digestJobSchema,
  evaluateAlertsJobSchema,
} from "@faultline/core";
import {
  createAlertFiringsRepo,
  createAlertNotificationsRepo,
  createAlertRulesRepo,
  createAlertWindowsRepo,
  createNotificationDeliveriesRepo,
  createResolveNoticesRepo,
  createSmsUsageRepo,
  type Database,
} from "@faultline/db";
import { createAlertsQueue, createWorkerRedis, notifyBackoff, type AlertsQueue, type Logger } from "@faultline/runtime";
import { UnrecoverableError, Worker, type Job } from "bullmq";
import type { z } from "zod";
import { createDeliverHandler, type AttemptInfo } from "./alerts/deliver";
import type { AlertJobDeps } from "./alerts/deps";
import { createDigestHandler } from "./alerts/digest";
import { createDigestSchedule } from "./alerts/digest-schedule";
import { createEvaluateHandler } from "./alerts/evaluate";
import { createIssueResolvedHandler } from "./alerts/issue-resolved";
import { createThrottle } from "./alerts/throttle";
import { createAccountMailSender } from "./notify/account-mail";
import { createSenders } from "./notify/senders";
import type { NotifySettings } from "./notify/settings";

export interface AlertsWorkerDeps {
  db: Database;
  redisUrl: string;
  log: Logger;
  settings: NotifySettings;
  queuePrefix?: string;
}

export interface RunningAlertsWorker {
  readonly queue: AlertsQueue;
  readonly worker: Worker;
  close(): Promise<void>;
}

/** The alerts queue's worker: rule evaluation, digests and notification deliveries. */
export function startAlertsWorker(deps: AlertsWorkerDeps): RunningAlertsWorker {
  const { db, settings, log } = deps;
  const commands = createWorkerRedis(deps.redisUrl);
  const queue = createAlertsQueue(commands, settings.retry, deps.queuePrefix);
  const rules = createAlertRulesRepo(db);
  const jobDeps: AlertJobDeps = {
    rules,
    windows: createAlertWindowsRepo(db),
    firings: createAlertFiringsRepo(db),
    deliveries: createNotificationDeliveriesRepo(db),
    notifications: createAlertNotificationsRepo(db, settings.publicUrl),
    resolveNotices: createResolveNoticesRepo(db, settings.publicUrl),
    queue,
    throttle: createThrottle(commands),
    digests: createDigestSchedule(commands, queue),
    senders: createSenders(settings, rules, createSmsUsageRepo(db)),
    log,
  };
  const deliver = createDeliverHandler(jobDeps);
  const accountMail = createAccountMailSender(settings.email, log);
  const handlers: Record<string, { schema: z.ZodType; run: (data: never, attempt: AttemptInfo) => Promise<void> }> = {
    [ALERT_JOB_NAMES.evaluate]: { schema: evaluateAlertsJobSchema, run: createEvaluateHandler(jobDeps) },
    [ALERT_JOB_NAMES.digest]: { schema: digestJobSchema, run: createDigestHandler(jobDeps) },
    [ALERT_JOB_NAMES.resolved]: { schema: issueResolvedJobSchema, run: createIssueResolvedHandler(jobDeps) },
    ...Object.fromEntries(
      DELIVERY_CHANNELS.map((channel) => [ALERT_JOB_NAMES[channel], { schema: deliveryJobSchema, run: deliver }]),
    ),
    [ACCOUNT_MAIL_JOB_NAME]: { schema: accountMailJobSchema, run: (mail) => accountMail.send(mail) },
  };

  const connection = createWorkerRedis(deps.redisUrl);
  const worker = new Worker(
    ALERTS_QUEUE,
    async (job: Job) => {
      const handler = handlers[job.name];
      if (!handler) throw new UnrecoverableError(`unknown job name "${job.name}"`);
      const parsed = handler.schema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`invalid ${job.name} payload`);
      await handler.run(parsed.data as never, { attemptsMade: job.attemptsMade, maxAttempts: job.opts.attempts ?? 1 });
    },
    {
      connection,
      concurrency: settings.concurrency,
      settings: { backoffStrategy: (attemptsMade: number) => notifyBackoff(settings.retry, attemptsMade) },
      ...(deps.queuePrefix ? { prefix: deps.queuePrefix } : {}),
    },
  );
  worker.on("failed", (job, error) => {
    log.debug(
      { jobId: job?.id, jobName: job?.name, attempt: job?.attemptsMade, err: error.message },
      "alert job failed",
    );
  });
  worker.on("error", (error) => log.error({ err: error }, "alerts worker error"));
  return {
    queue,
    worker,
    async close() {
      await worker.close();
      await queue.close();
      await Promise.all(Object.values(jobDeps.senders).map((sender) => sender.close?.()));
      accountMail.close();
      await Promise.all([connection.quit().catch(() => undefined), commands.quit().catch(() => undefined)]);
    },
  };
}
