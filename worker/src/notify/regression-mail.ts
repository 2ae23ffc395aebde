import type { Database, StoreOutcome, StoredEventInput } from "@faultline/db";
import { notifyIssueSubscribers, type Logger } from "@faultline/runtime";
import type { Redis } from "ioredis";
import type { NotifySettings } from "./settings";

type AfterStore = (outcome: StoreOutcome, input: StoredEventInput) => Promise<void>;

/**
 * Wraps the event.process hook: after it, an event that reopened a resolved issue (a
 * regression) queues a workflow email to the issue's subscribers. A queue outage is logged and
 * never fails the event, which is stored already.
 */
export function afterStoreWithRegressionMail(
  next: AfterStore,
  deps: { db: Database; redis: Redis; log: Logger; settings: NotifySettings; prefix?: string },
): AfterStore {
  const mailDeps = {
    db: deps.db,
    redis: deps.redis,
    publicUrl: deps.settings.publicUrl,
    retry: deps.settings.retry,
    ...(deps.prefix ? { prefix: deps.prefix } : {}),
  };
  return async (outcome, input) => {
    await next(outcome, input);
    if (!outcome.stored || !outcome.isRegression || !deps.settings.email.smtpUrl) return;
    await notifyIssueSubscribers(mailDeps, {
      issueId: outcome.issueId,
      change: { kind: "regression" },
      actorUserId: null,
    }).catch((error: unknown) => {
      deps.log.warn({ err: error, issueId: String(outcome.issueId) }, "regression workflow emails not queued");
    });
  };
}
