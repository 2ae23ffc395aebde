import { z } from "zod";

/**
 * Alert evaluation and notification jobs have their own queue: a slow SMTP server or webhook
 * never holds up event processing, and retries here have their own backoff.
 */
export const ALERTS_QUEUE = "alerts";

export const ALERT_JOB_NAMES = {
  evaluate: "alert.evaluate",
  digest: "alert.digest",
  email: "notify.email",
  sms: "notify.sms",
  webhook: "notify.webhook",
  slack: "notify.slack",
  discord: "notify.discord",
  teams: "notify.teams",
  mattermost: "notify.mattermost",
  rocketchat: "notify.rocketchat",
  googlechat: "notify.googlechat",
  telegram: "notify.telegram",
  pagerduty: "notify.pagerduty",
  opsgenie: "notify.opsgenie",
  ntfy: "notify.ntfy",
  /** An issue was resolved: close what PagerDuty / Opsgenie actions opened for it. */
  resolved: "alert.resolved",
} as const;

const idString = z.string().regex(/^\d+$/);

/** A stored event's outcome and the fields rules look at (all already scrubbed). */
export const evaluateAlertsJobSchema = z.object({
  projectId: z.number().int().positive(),
  issueId: idString,
  eventId: z.string().regex(/^[0-9a-f]{32}$/),
  isNewIssue: z.boolean(),
  isRegression: z.boolean(),
  level: z.string(),
  environment: z.string().nullable(),
  release: z.string().nullable(),
  tags: z.array(z.tuple([z.string(), z.string()])),
});

export const digestJobSchema = z.object({ ruleId: z.number().int().positive() });

export const issueResolvedJobSchema = z.object({ projectId: z.number().int().positive(), issueId: idString });

export const deliveryJobSchema = z.object({ deliveryId: idString });

export type EvaluateAlertsJob = z.infer<typeof evaluateAlertsJobSchema>;
export type DigestJob = z.infer<typeof digestJobSchema>;
export type IssueResolvedJob = z.infer<typeof issueResolvedJobSchema>;
export type DeliveryJob = z.infer<typeof deliveryJobSchema>;
