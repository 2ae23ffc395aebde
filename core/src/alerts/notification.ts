import { z } from "zod";

/** A frame as notifications show it: the top in-app frames of the event, most recent first. */
export const frameSummarySchema = z.object({
  function: z.string().nullable(),
  filename: z.string().nullable(),
  lineno: z.number().nullable(),
  contextLine: z.string().nullable(),
});

/** The issue as it was when the notification was made (what was sent is what is recorded). */
export const issueSnapshotSchema = z.object({
  id: z.string(),
  title: z.string(),
  culprit: z.string(),
  level: z.string(),
  status: z.string(),
  count: z.number(),
  userCount: z.number(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  permalink: z.string(),
});

export const eventSummarySchema = z.object({
  eventId: z.string(),
  timestamp: z.string(),
  level: z.string(),
  environment: z.string().nullable(),
  release: z.string().nullable(),
  frames: z.array(frameSummarySchema),
});

/**
 * Everything a channel renders a message from, stored with each delivery: a retried delivery
 * sends the same message, and the delivery log shows what was sent.
 */
export const notificationSchema = z.object({
  /** "resolve": the issue was resolved; only channels that close what they opened (PagerDuty, Opsgenie) get it. */
  kind: z.enum(["alert", "digest", "test", "resolve"]),
  project: z.object({ id: z.number(), slug: z.string(), name: z.string(), organization: z.string() }),
  rule: z.object({ id: z.number().nullable(), name: z.string() }),
  /** Trigger types that matched ("first_seen", ...); for a digest, those of all its firings. */
  triggers: z.array(z.string()),
  /** One issue for an alert or test; a digest's issues (the first ones, see totalIssues). */
  issues: z.array(issueSnapshotSchema),
  totalIssues: z.number(),
  /** The event that fired the rule (alerts and tests), null for digests. */
  event: eventSummarySchema.nullable(),
  /** The digest's window in minutes. */
  digestMinutes: z.number().nullable(),
  createdAt: z.string(),
});

export type FrameSummary = z.infer<typeof frameSummarySchema>;
export type IssueSnapshot = z.infer<typeof issueSnapshotSchema>;
export type EventSummary = z.infer<typeof eventSummarySchema>;
export type Notification = z.infer<typeof notificationSchema>;

/** Most issues listed in one digest message; the rest are counted. */
export const DIGEST_MAX_ISSUES = 25;

/** Where people open an issue: the dashboard's issue page, as Sentry's URLs go. */
export function issuePermalink(publicUrl: string, organization: string, issueId: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/organizations/${encodeURIComponent(organization)}/issues/${issueId}/`;
}

export function projectIssuesLink(publicUrl: string, organization: string, projectId: number): string {
  return `${publicUrl.replace(/\/+$/, "")}/organizations/${encodeURIComponent(organization)}/issues/?project=${projectId}`;
}
