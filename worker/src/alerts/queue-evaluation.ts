import type { Database, StoreOutcome, StoredEventInput } from "@faultline/db";
import type { AlertsQueue } from "@faultline/runtime";
import { createRulesPresence } from "./rules-presence";

/**
 * The event.process hook: a stored event of a project with alert rules gets an alert.evaluate
 * job carrying what the rules look at. Duplicates (already stored) are not evaluated again.
 */
export function queueAlertEvaluation(db: Database, queue: AlertsQueue, rulesCacheMs?: number) {
  const hasRules = createRulesPresence(db, rulesCacheMs);
  return async (outcome: StoreOutcome, input: StoredEventInput): Promise<void> => {
    if (!outcome.stored || !(await hasRules(input.projectId))) return;
    await queue.evaluate({
      projectId: input.projectId,
      issueId: String(outcome.issueId),
      eventId: input.eventId,
      isNewIssue: outcome.isNewIssue,
      isRegression: outcome.isRegression,
      level: input.level,
      environment: input.environment,
      release: input.release,
      tags: input.tags,
    });
  };
}
