import type { AlertRule, ApiEventEntry, ApiEventError, ApiEventTag, ApiEventUser } from "@faultline/contracts";

/**
 * Shapes the web API answers with (Sentry's field names). Request bodies come from the server's
 * zod contracts (`@faultline/contracts`); these are the responses the dashboard reads.
 */
export interface User {
  id: string;
  email: string;
  name: string;
  username?: string;
  isSuperuser?: boolean;
}

export interface ApiRoot {
  version: string;
  user: User | null;
}

export interface Organization {
  id: string;
  slug: string;
  name: string;
  dateCreated: string;
}

export interface OrganizationDetail extends Organization {
  access: string[];
  orgRole: string;
  projects: Project[];
  /** Sentry's organization settings; the settings page shows a toggle only for those answered. */
  require2FA?: boolean;
  openMembership?: boolean;
}

export interface Project {
  id: string;
  slug: string;
  name: string;
  platform: string;
  dateCreated: string;
}

export interface ProjectKey {
  id: string;
  name: string;
  isActive: boolean;
  projectId: number;
  rateLimit: { window: number; count: number } | null;
  dsn: { public: string; csp: string; security: string };
  dateCreated: string;
}

export type IssueStatus = "resolved" | "unresolved" | "ignored";
/** [unix seconds, count] buckets: hourly for 24h, daily for 14d and 30d. */
export type StatSeries = [number, number][];

/** A person (`type: "user"`) or a team (`type: "team"`, named by its slug, no email). */
export interface Assignee {
  type: string;
  id: string;
  name: string;
  email?: string;
}

export interface Issue {
  id: string;
  shortId: string;
  title: string;
  culprit: string;
  permalink: string;
  level: string;
  status: IssueStatus;
  statusDetails: Record<string, unknown>;
  platform: string;
  project: { id: string; name: string; slug: string; platform: string };
  type: string;
  metadata: { type?: string; value?: string; filename?: string; function?: string; title?: string };
  numComments: number;
  assignedTo: Assignee | null;
  /** The signed-in user's own bookmark and subscription. */
  isBookmarked: boolean;
  isSubscribed: boolean;
  count: string;
  userCount: number;
  firstSeen: string;
  lastSeen: string;
  stats?: Partial<Record<"24h" | "14d" | "30d", StatSeries>>;
}

export interface Deploy {
  id: string;
  environment: string;
  name: string | null;
  url: string | null;
  dateStarted: string | null;
  dateFinished: string;
}

export interface IssueRelease {
  version: string;
  dateReleased?: string | null;
  lastDeploy?: Deploy | null;
}

export interface IssueDetail extends Issue {
  firstRelease: IssueRelease | null;
  lastRelease: IssueRelease | null;
  resolvedInRelease?: IssueRelease | null;
  regression?: { date: string; release: string | null; deploy: Deploy | null } | null;
}

export interface ReleaseHealth {
  hasHealthData: boolean;
  crashFreeSessions: number | null;
  totalSessions: number;
  environments: Record<string, { crashFreeSessions: number | null; totalSessions: number }>;
}

export interface Release {
  id: number | null;
  version: string;
  dateCreated: string;
  dateReleased: string | null;
  firstEvent: string | null;
  lastEvent: string | null;
  newGroups: number;
  commitCount: number;
  deployCount: number;
  lastDeploy: Deploy | null;
  deploys: Deploy[];
  projects: { id: number; slug: string; name: string; newGroups: number; healthData?: ReleaseHealth }[];
}

export interface TagValue {
  key: string;
  name: string;
  value: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
}

export interface TagSummary {
  key: string;
  name: string;
  totalValues: number;
  uniqueValues: number;
  topValues: TagValue[];
}

/** An event's interfaces (exception, breadcrumbs, request...) in Sentry's API shapes. */
export type EventEntry = ApiEventEntry;

export type EventUser = ApiEventUser;

export interface IssueEvent {
  id: string;
  eventID: string;
  groupID: string;
  projectID: string;
  title: string;
  message: string;
  platform: string;
  culprit: string;
  dateCreated: string;
  dateReceived: string;
  tags: ApiEventTag[];
  user: EventUser | null;
  entries: EventEntry[];
  errors: ApiEventError[];
  contexts: Record<string, unknown>;
  context: Record<string, unknown>;
  sdk: unknown;
  release: { version: string } | null;
  environment: string | null;
  fingerprints: string[];
  previousEventID: string | null;
  nextEventID: string | null;
  /** The newest feedback a user left about this event, if any. */
  userReport?: UserReport | null;
}

/** Sentry's user report (`/user-feedback/`, `/issues/{id}/user-reports/`, an event's `userReport`). */
export interface UserReport {
  id: string;
  eventID: string | null;
  name: string;
  email: string;
  comments: string;
  dateCreated: string;
  issue?: { id: string } | null;
}

/** A file an SDK sent with an event (attachment, minidump, view hierarchy...). */
export interface EventAttachment {
  id: string;
  event_id: string;
  type: string;
  name: string;
  mimetype: string;
  size: number;
  sha1: string;
  dateCreated: string;
  downloadUrl: string;
}

export interface Activity {
  id: string;
  type: string;
  data: unknown;
  dateCreated: string;
  user: { id: string; email: string; name: string } | null;
}

/** Sentry's event user, as the users-affected endpoints answer. */
export interface AffectedUser {
  id: string;
  tagValue: string;
  identifier: string;
  userId: string | null;
  email: string | null;
  username: string | null;
  ipAddress: string | null;
  dateCreated: string;
  lastSeen: string;
  issueCount: number;
}

export interface AffectedUserDetail {
  user: AffectedUser;
  events: { "14d": StatSeries };
  issues: (Issue & { userEvents: { "14d": StatSeries } })[];
}

export interface StatsV2 {
  intervals: string[];
  groups: { by: Record<string, string | number>; totals: Record<string, number>; series: Record<string, number[]> }[];
}

export interface ProjectDetail extends Project {
  /** Faultline's limits; null falls back to the server-wide default. */
  eventQuota?: { window: number; count: number } | null;
  eventRetentionDays?: number | null;
  maxEventsPerIssue?: number | null;
  dataScrubber: boolean;
  dataScrubberDefaults: boolean;
  sensitiveFields: string[];
  safeFields: string[];
  scrubIPAddresses: boolean;
  scrubEmails: boolean;
  fingerprintingRules: string;
}

/** An alert rule as the API answers it: webhook secrets come back masked ("********"). */
export interface AlertRuleDetail extends AlertRule {
  id: string;
  /** When the rule last fired; null if never. */
  lastFired: string | null;
  dateCreated: string;
  dateUpdated: string;
}

export type DeliveryStatus = "queued" | "sent" | "failed";

/** One message of the delivery log (an alert, a digest, a test, or a PagerDuty/Opsgenie resolve). */
export interface NotificationDelivery {
  id: string;
  ruleId: string | null;
  issueId: string | null;
  firingId: string | null;
  kind: "alert" | "digest" | "test" | "resolve";
  channel: AlertRule["actions"][number]["type"];
  target: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  providerResponseId: string | null;
  dateCreated: string;
  dateUpdated: string;
  dateSent: string | null;
}

/** A rule's firing, with what it sent. */
export interface AlertFiring {
  id: string;
  issueId: string;
  eventId: string;
  triggers: string[];
  digestPending: boolean;
  dateFired: string;
  deliveries: Pick<NotificationDelivery, "id" | "channel" | "target" | "status">[];
}
