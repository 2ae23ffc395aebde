import { RESOLVING_CHANNELS, type IssueResolvedJob } from "@faultline/core";
import type { NewDelivery } from "@faultline/db";
import type { AlertJobDeps } from "./deps";
import { enqueueDeliveries } from "./enqueue-deliveries";

/**
 * alert.resolved: an issue was resolved (dashboard, API, sentry-cli, a release). Every PagerDuty
 * or Opsgenie target that was told about it since its last resolve gets a "resolve" message
 * (PagerDuty resolve / Opsgenie close, same dedup key / alias), through the delivery log and
 * its retries like any other message. Rules deleted since, or without that action, are skipped.
 */
export function createIssueResolvedHandler(deps: AlertJobDeps) {
  return async (job: IssueResolvedJob): Promise<void> => {
    const issueId = BigInt(job.issueId);
    const told = await deps.deliveries.toldSinceLastResolve(job.projectId, issueId, RESOLVING_CHANNELS);
    const rows: NewDelivery[] = [];
    for (const target of told) {
      const rule = await deps.rules.get(job.projectId, target.ruleId);
      if (!rule) continue;
      const notification = await deps.resolveNotices.forResolve(rule, issueId);
      if (!notification) return;
      rows.push({
        projectId: job.projectId,
        ruleId: rule.id,
        firingId: null,
        issueId,
        kind: "resolve",
        channel: target.channel as NewDelivery["channel"],
        target: target.target,
        payload: notification,
      });
    }
    const ids = await deps.deliveries.create(rows);
    if (ids.length > 0) deps.log.info({ issueId: job.issueId, deliveries: ids.length }, "resolve messages queued");
    await enqueueDeliveries(ids, deps.deliveries, deps.queue, job.projectId);
  };
}
