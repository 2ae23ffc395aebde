import type { Notification } from "../notification";

/**
 * The key PagerDuty (dedup_key) and Opsgenie (alias) use to know alerts of one issue are one
 * incident: a trigger for an issue that already has an open incident adds to it, and the
 * resolve closes it. A test message gets its own key so it never touches a real incident.
 */
export function incidentKey(notification: Notification, issueId: string): string {
  const base = `faultline/${notification.project.organization}/${notification.project.slug}`;
  if (notification.kind === "test") return `${base}/test/${notification.rule.id ?? 0}/${notification.createdAt}`;
  return `${base}/issue/${issueId}`;
}
