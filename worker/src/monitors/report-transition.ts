import { FAILURE_REASONS, monitorIssueTitle, scheduleForApi, type ProcessEventJob } from "@faultline/core";
import {
  createActivityRepo,
  scheduleOf,
  type Database,
  type MonitorCheckInsRepo,
  type MonitorTransition,
  type StoreOutcome,
} from "@faultline/db";
import type { Logger } from "@faultline/runtime";

export interface ReportTransitionDeps {
  db: Database;
  checkIns: MonitorCheckInsRepo;
  /** The normal event path (store, group, alert evaluation): the monitor's issue is an ordinary issue. */
  processEvent: (job: ProcessEventJob) => Promise<StoreOutcome>;
  /** The alert path for resolutions (PagerDuty resolve, Opsgenie close of the issue's incident). */
  onIssuesResolved?: (issues: { projectId: number; issueId: string }[]) => Promise<void>;
  log: Logger;
}

/**
 * What an ended run does to the monitor's issue. A reported failure becomes an event through the
 * normal processing path, grouped per monitor environment, so the first opens the issue ("Cron
 * failure: <name>") and fires the project's new-issue rules, and a failure after recovery is a
 * regression. Recovery resolves the issue, with its activity, and tells the alert channels
 * (PagerDuty and Opsgenie close the incident they opened for it).
 */
export function createTransitionReporter(deps: ReportTransitionDeps) {
  const activity = createActivityRepo(deps.db);
  return async (transition: MonitorTransition, now: Date): Promise<void> => {
    const { monitor, environment } = transition;
    if (transition.reportFailure && transition.status !== "ok") {
      const outcome = await deps.processEvent({
        projectId: monitor.projectId,
        // One event per failed run: a retried job stores it once.
        eventId: transition.checkInId.replace(/-/g, ""),
        receivedAt: now.getTime(),
        event: failureEvent(transition, transition.status, now),
      });
      // A duplicate is a retried job: the first run already recorded the issue.
      if (!outcome.stored) return;
      await deps.checkIns.setOpenIssue(environment.id, outcome.issueId);
      deps.log.info(
        { projectId: monitor.projectId, monitorId: String(monitor.id), issueId: String(outcome.issueId) },
        "cron monitor failure reported",
      );
    }
    if (transition.resolve && environment.openIssueId !== null) {
      const issueId = environment.openIssueId;
      const resolved = await deps.db.issue.updateMany({
        where: { id: issueId, status: "unresolved" },
        data: { status: "resolved", statusDetails: {}, resolvedInRelease: null },
      });
      if (resolved.count > 0) {
        await activity.record([
          { issueId, userId: null, type: "set_resolved", data: { monitor: monitor.slug, reason: "monitor_recovered" } },
        ]);
        await deps.onIssuesResolved?.([{ projectId: monitor.projectId, issueId: String(issueId) }]);
        deps.log.info(
          { projectId: monitor.projectId, monitorId: String(monitor.id), issueId: String(issueId) },
          "cron monitor recovered; its issue is resolved",
        );
      }
    }
  };
}

function failureEvent(
  transition: MonitorTransition,
  status: keyof typeof FAILURE_REASONS,
  now: Date,
): Record<string, unknown> {
  const { monitor, environment } = transition;
  return {
    timestamp: now.getTime() / 1000,
    level: "error",
    platform: "other",
    logentry: { formatted: monitorIssueTitle(monitor.name) },
    culprit: FAILURE_REASONS[status],
    environment: environment.environment,
    fingerprint: ["cron-monitor", monitor.guid, environment.environment],
    tags: { "monitor.slug": monitor.slug, "monitor.status": status },
    contexts: {
      monitor: {
        id: monitor.guid,
        slug: monitor.slug,
        name: monitor.name,
        config: { schedule_type: monitor.scheduleType, schedule: scheduleForApi(scheduleOf(monitor)) },
      },
    },
  };
}
