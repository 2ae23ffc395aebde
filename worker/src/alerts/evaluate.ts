import {
  actionIntervalMs,
  evaluateRule,
  filterPasses,
  intervalMs,
  isSnoozed,
  windowsNeeded,
  type AlertEventContext,
  type AlertWindowFacts,
  type EvaluateAlertsJob,
} from "@faultline/core";
import type { StoredAlertRule } from "@faultline/db";
import type { AlertJobDeps } from "./deps";
import { enqueueDeliveries } from "./enqueue-deliveries";

/**
 * alert.evaluate: runs the project's enabled rules against one stored event. Cheap checks first
 * (snooze, filters, the rule already notified about this issue), counting windows only when
 * needed; a rule that fires takes its per-issue interval atomically, then records the firing and
 * its deliveries (or, for digest rules, leaves the firing for the digest).
 */
export function createEvaluateHandler(deps: AlertJobDeps) {
  return async (job: EvaluateAlertsJob): Promise<void> => {
    const rules = await deps.rules.listEnabled(job.projectId);
    if (rules.length === 0) return;
    const issueId = BigInt(job.issueId);
    const event: AlertEventContext = job;
    const now = new Date();
    let latestRelease: Promise<string | null> | undefined;
    const latest = () => (latestRelease ??= deps.windows.latestRelease(job.projectId));

    for (const rule of rules) {
      if (isSnoozed(rule.snoozedUntil, now)) continue;
      const facts: AlertWindowFacts = { latestRelease: null, eventCounts: {}, userCounts: {} };
      if (rule.filters.some((filter) => filter.type === "release" && filter.value === "latest"))
        facts.latestRelease = await latest();
      if (!rule.filters.every((filter) => filterPasses(filter, event, facts))) continue;
      if (await deps.throttle.heldByOther(rule.id, issueId, job.eventId)) continue;
      await countWindows(deps, rule, issueId, now, facts);
      const verdict = evaluateRule(rule, event, facts, now);
      if (!verdict.fire) continue;
      if (!(await deps.throttle.acquire(rule.id, issueId, job.eventId, actionIntervalMs(rule)))) continue;
      await fire(deps, rule, issueId, job.eventId, verdict.triggers);
    }
  };
}

async function countWindows(
  deps: AlertJobDeps,
  rule: StoredAlertRule,
  issueId: bigint,
  now: Date,
  facts: AlertWindowFacts,
): Promise<void> {
  const needed = windowsNeeded(rule);
  // Count up to the largest threshold asked of each window: enough to answer every trigger.
  const threshold = (type: "event_frequency" | "unique_users", interval: string) =>
    Math.max(...rule.triggers.map((t) => (t.type === type && t.interval === interval ? t.value : 0)));
  for (const interval of needed.events) {
    const since = new Date(now.getTime() - (intervalMs(interval) ?? 0));
    facts.eventCounts[interval] = await deps.windows.countEventsSince(
      issueId,
      since,
      threshold("event_frequency", interval),
    );
  }
  for (const interval of needed.users) {
    const since = new Date(now.getTime() - (intervalMs(interval) ?? 0));
    facts.userCounts[interval] = await deps.windows.countUsersSince(
      issueId,
      since,
      threshold("unique_users", interval),
    );
  }
}

async function fire(deps: AlertJobDeps, rule: StoredAlertRule, issueId: bigint, eventId: string, triggers: string[]) {
  const firing = { ruleId: rule.id, projectId: rule.projectId, issueId, eventId, triggers };
  if (rule.digestMinutes > 0) {
    await deps.firings.recordFiring({ ...firing, digestPending: true }, () => []);
    await deps.digests.ensure(rule.id, rule.digestMinutes);
    return;
  }
  const notification = await deps.notifications.forAlert(rule, issueId, eventId, triggers);
  const recorded = await deps.firings.recordFiring({ ...firing, digestPending: false }, (firingId) =>
    deps.notifications.deliveriesFor(rule, notification, firingId),
  );
  deps.log.info({ ruleId: rule.id, issueId: String(issueId), firingId: String(recorded.firingId) }, "alert rule fired");
  await enqueueDeliveries(recorded.deliveryIds, deps.deliveries, deps.queue, rule.projectId);
}
