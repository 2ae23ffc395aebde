import { createIssueSubscriptionsRepo, type Database } from "@faultline/db";
import { notifyIssueSubscribers, type Logger, type NotifyRetry, type WorkflowChange } from "@faultline/runtime";
import type { Redis } from "ioredis";

/**
 * Workflow emails from the API's side: who becomes subscribed by taking part (commenting, being
 * assigned) and the emails to the other subscribers. A queue outage never fails the change
 * itself: it is logged (without addresses or comment text) and the change stands.
 */
export function createWorkflowNotices(deps: {
  db: Database;
  redis: Redis;
  publicUrl: string;
  emailConfigured: boolean;
  retry?: NotifyRetry | undefined;
  log: Logger;
}) {
  const subscriptions = createIssueSubscriptionsRepo(deps.db);
  const mailDeps = {
    db: deps.db,
    redis: deps.redis,
    publicUrl: deps.publicUrl,
    ...(deps.retry ? { retry: deps.retry } : {}),
  };

  async function tell(issueIds: bigint[], change: WorkflowChange, actorUserId: number): Promise<void> {
    if (!deps.emailConfigured) return;
    for (const issueId of issueIds) {
      await notifyIssueSubscribers(mailDeps, { issueId, change, actorUserId }).catch((error: unknown) => {
        deps.log.warn({ err: error, issueId: String(issueId), change: change.kind }, "workflow emails not queued");
      });
    }
  }

  return {
    /** The commenter is subscribed; the others hear of the comment. */
    async commented(issueId: bigint, actorUserId: number, text: string) {
      await subscriptions.participate(issueId, actorUserId);
      await tell([issueId], { kind: "comment", text }, actorUserId);
    },

    /** A person assigned is subscribed (Sentry: directly assigned people only, not a team's members). */
    async assigned(issueIds: bigint[], actorUserId: number, assignee: { userId: number | null; label: string }) {
      const { userId } = assignee;
      if (userId !== null) for (const issueId of issueIds) await subscriptions.participate(issueId, userId);
      await tell(issueIds, { kind: "assigned", assignee: assignee.label }, actorUserId);
    },

    resolved: (issueIds: bigint[], actorUserId: number) => tell(issueIds, { kind: "resolved" }, actorUserId),
  };
}

export type WorkflowNotices = ReturnType<typeof createWorkflowNotices>;
