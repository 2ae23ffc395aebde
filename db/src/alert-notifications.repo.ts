import {
  buildNotification,
  dashedEventId,
  plannedDeliveries,
  topInAppFrames,
  type AlertAction,
  type EventSummary,
  type Notification,
  type ProjectFacts,
} from "@faultline/core";
import type { Database } from "./client";
import type { NewDelivery } from "./notification-deliveries.repo";

const ISSUE_FIELDS = {
  id: true,
  title: true,
  culprit: true,
  level: true,
  status: true,
  timesSeen: true,
  userCount: true,
  firstSeen: true,
  lastSeen: true,
} as const;

interface RuleRef {
  id: number;
  projectId: number;
  name: string;
  actions: AlertAction[];
  digestMinutes: number;
}

/** Reads what a notification says (project, issues, the event's frames) and builds it. */
export function createAlertNotificationsRepo(db: Database, publicUrl: string) {
  async function project(projectId: number): Promise<ProjectFacts> {
    const row = await db.project.findUniqueOrThrow({
      where: { id: projectId },
      select: { id: true, slug: true, name: true, organization: { select: { slug: true } } },
    });
    return { id: row.id, slug: row.slug, name: row.name, organization: row.organization.slug };
  }

  async function event(projectId: number, eventId: string): Promise<EventSummary | null> {
    // The key includes the timestamp (the partition key): an id alone is looked up in every partition.
    const row = await db.event.findFirst({
      where: { projectId, eventId: dashedEventId(eventId) },
      select: { timestamp: true, level: true, environment: true, release: true, data: true },
    });
    if (!row) return null;
    return {
      eventId,
      timestamp: row.timestamp.toISOString(),
      level: row.level,
      environment: row.environment,
      release: row.release,
      frames: topInAppFrames(row.data),
    };
  }

  return {
    async forAlert(rule: RuleRef, issueId: bigint, eventId: string, triggers: string[]): Promise<Notification> {
      const issue = await db.issue.findUniqueOrThrow({ where: { id: issueId }, select: ISSUE_FIELDS });
      return buildNotification({
        kind: "alert",
        project: await project(rule.projectId),
        rule: { id: rule.id, name: rule.name },
        triggers,
        issues: [issue],
        event: await event(rule.projectId, eventId),
        digestMinutes: null,
        publicUrl,
        now: new Date(),
      });
    },

    /** One message for a digest's firings: each issue once, most recently seen first. */
    async forDigest(rule: RuleRef, firings: { issueId: bigint; triggers: string[] }[]): Promise<Notification> {
      const ids = [...new Set(firings.map((firing) => firing.issueId))];
      const issues = await db.issue.findMany({
        where: { id: { in: ids } },
        select: ISSUE_FIELDS,
        orderBy: { lastSeen: "desc" },
      });
      return buildNotification({
        kind: "digest",
        project: await project(rule.projectId),
        rule: { id: rule.id, name: rule.name },
        triggers: firings.flatMap((firing) => firing.triggers),
        issues,
        event: null,
        digestMinutes: rule.digestMinutes,
        publicUrl,
        now: new Date(),
      });
    },

    /**
     * A test message about the project's most recent issue, or a made-up example issue (id 0)
     * when the project has none yet.
     */
    async forTest(rule: RuleRef): Promise<Notification> {
      const latest = await db.issue.findFirst({
        where: { projectId: rule.projectId },
        orderBy: { lastSeen: "desc" },
        select: ISSUE_FIELDS,
      });
      const latestEvent = latest
        ? await db.event.findFirst({
            where: { issueId: latest.id },
            orderBy: { timestamp: "desc" },
            select: { eventId: true },
          })
        : null;
      const now = new Date();
      const example = {
        id: 0n,
        title: "Example: TypeError: this is a test notification",
        culprit: "faultline-test",
        level: "error",
        status: "unresolved",
        timesSeen: 1,
        userCount: 0,
        firstSeen: now,
        lastSeen: now,
      };
      return buildNotification({
        kind: "test",
        project: await project(rule.projectId),
        rule: { id: rule.id, name: rule.name },
        triggers: ["test"],
        issues: [latest ?? example],
        event: latestEvent ? await event(rule.projectId, latestEvent.eventId.replace(/-/g, "")) : null,
        digestMinutes: null,
        publicUrl,
        now,
      });
    },

    /** The delivery rows for a notification: one per recipient of each of the rule's actions. */
    deliveriesFor(rule: RuleRef, notification: Notification, firingId: bigint | null): NewDelivery[] {
      const issueId = notification.issues[0]?.id;
      return plannedDeliveries(rule.actions).map((planned) => ({
        projectId: rule.projectId,
        ruleId: rule.id,
        firingId,
        issueId: issueId && issueId !== "0" ? BigInt(issueId) : null,
        kind: notification.kind,
        channel: planned.channel,
        target: planned.target,
        payload: notification,
      }));
    },
  };
}

export type AlertNotificationsRepo = ReturnType<typeof createAlertNotificationsRepo>;
