import type { IssueSnapshot, Notification } from "../notification";
import { headline, triggerWords, truncate } from "../render/headline";
import { stripControls } from "./escape";

/** Most issues one chat message lists (a digest may hold up to 25); the rest are counted. */
export const CHAT_MAX_ISSUES = 10;

/** One issue as every chat format shows it, raw (each renderer escapes for its own markup). */
export interface ShownIssue {
  title: string;
  culprit: string;
  level: string;
  count: number;
  users: number;
  link: string;
}

export interface MessageFacts {
  /** "[acme/api] New issue · ERROR · TypeError: ..." (event-derived: escape it). */
  headline: string;
  project: string;
  environment: string | null;
  release: string | null;
  rule: string;
  triggers: string;
  issues: ShownIssue[];
  /** Issues not listed (a long digest). */
  moreIssues: number;
}

function issueFacts(issue: IssueSnapshot): ShownIssue {
  return {
    title: truncate(stripControls(issue.title), 250),
    culprit: truncate(stripControls(issue.culprit), 250),
    level: issue.level,
    count: issue.count,
    users: issue.userCount,
    link: issue.permalink,
  };
}

/** The facts of a notification, trimmed and free of control characters, before escaping. */
export function messageFacts(notification: Notification): MessageFacts {
  const issues = notification.issues.slice(0, CHAT_MAX_ISSUES).map(issueFacts);
  return {
    headline: stripControls(headline(notification)),
    project: stripControls(notification.project.name),
    environment: notification.event?.environment ? truncate(stripControls(notification.event.environment), 100) : null,
    release: notification.event?.release ? truncate(stripControls(notification.event.release), 100) : null,
    rule: stripControls(notification.rule.name),
    triggers: triggerWords(notification),
    issues,
    moreIssues: Math.max(0, notification.totalIssues - issues.length),
  };
}

/** "12 events · 3 users": a count line of one issue. */
export function countWords(issue: ShownIssue): string {
  return `${issue.count} ${issue.count === 1 ? "event" : "events"} · ${issue.users} ${issue.users === 1 ? "user" : "users"}`;
}
