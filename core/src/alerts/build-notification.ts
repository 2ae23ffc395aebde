import type { DeliveryChannel } from "./channels/channel-actions";
import { actionTargets } from "./channels/action-target";
import type { AlertAction } from "./rule-schema";
import {
  DIGEST_MAX_ISSUES,
  issuePermalink,
  type EventSummary,
  type IssueSnapshot,
  type Notification,
} from "./notification";

/** An issue row as the database has it. */
export interface IssueFacts {
  id: bigint;
  title: string;
  culprit: string;
  level: string;
  status: string;
  timesSeen: number;
  userCount: number;
  firstSeen: Date;
  lastSeen: Date;
}

export interface ProjectFacts {
  id: number;
  slug: string;
  name: string;
  organization: string;
}

export function issueSnapshot(issue: IssueFacts, project: ProjectFacts, publicUrl: string): IssueSnapshot {
  return {
    id: String(issue.id),
    title: issue.title,
    culprit: issue.culprit,
    level: issue.level,
    status: issue.status,
    count: issue.timesSeen,
    userCount: issue.userCount,
    firstSeen: issue.firstSeen.toISOString(),
    lastSeen: issue.lastSeen.toISOString(),
    permalink: issuePermalink(publicUrl, project.organization, String(issue.id)),
  };
}

export interface NotificationInput {
  kind: Notification["kind"];
  project: ProjectFacts;
  rule: { id: number | null; name: string };
  triggers: string[];
  issues: IssueFacts[];
  event: EventSummary | null;
  digestMinutes: number | null;
  publicUrl: string;
  now: Date;
}

export function buildNotification(input: NotificationInput): Notification {
  return {
    kind: input.kind,
    project: input.project,
    rule: input.rule,
    triggers: [...new Set(input.triggers)],
    issues: input.issues
      .slice(0, DIGEST_MAX_ISSUES)
      .map((issue) => issueSnapshot(issue, input.project, input.publicUrl)),
    totalIssues: input.issues.length,
    event: input.event,
    digestMinutes: input.digestMinutes,
    createdAt: input.now.toISOString(),
  };
}

export interface PlannedDelivery {
  channel: DeliveryChannel;
  target: string;
}

/** One delivery per recipient of each action; a recipient listed twice gets one message. */
export function plannedDeliveries(actions: AlertAction[]): PlannedDelivery[] {
  const planned = new Map<string, PlannedDelivery>();
  for (const action of actions) {
    for (const target of actionTargets(action))
      planned.set(`${action.type} ${target}`, { channel: action.type, target });
  }
  return [...planned.values()];
}
