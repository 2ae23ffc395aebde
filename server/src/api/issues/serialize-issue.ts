import { formatShortId } from "@faultline/core";
import type { IssueRow, SeenStats } from "@faultline/db";

export interface IssueExtras {
  stats?: Record<string, [number, number][]>;
  numComments?: number;
  /** The requesting user's bookmark and subscription. */
  isBookmarked?: boolean;
  isSubscribed?: boolean;
  /** Some event of the issue had an exception its SDK did not catch (`handled:no`). */
  isUnhandled?: boolean;
  /**
   * The list's environments, time range and event conditions (Sentry's issue stream): the
   * top-level numbers in the environments and range, `lifetime` in the environments, `filtered`
   * meeting the conditions too (null when the search has none). Absent: the issue's own counters.
   */
  scoped?: {
    ranged: SeenStats;
    lifetime: SeenStats;
    filtered: (SeenStats & { stats?: Record<string, [number, number][]> }) | null;
  };
}

/** Sentry's seen stats: `count` a string, dates ISO or null when no event qualifies. */
function seenStats(stats: SeenStats) {
  return {
    count: String(stats.count),
    userCount: stats.userCount,
    firstSeen: stats.firstSeen?.toISOString() ?? null,
    lastSeen: stats.lastSeen?.toISOString() ?? null,
  };
}

function ownSeenStats(row: IssueRow): SeenStats {
  return { count: row.times_seen, userCount: row.user_count, firstSeen: row.first_seen, lastSeen: row.last_seen };
}

/** Sentry's initial priority of an error issue, from its level (as Sentry's issue platform). */
function priorityOf(level: string): "high" | "medium" | "low" {
  if (level === "fatal" || level === "error") return "high";
  if (level === "warning") return "medium";
  return "low";
}

/** The stored metadata with Sentry's `title` (the issue title) when the event did not give one. */
function metadataOf(row: IssueRow): Record<string, unknown> {
  const stored = row.metadata;
  const metadata = stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
  return { title: row.title, ...metadata };
}

/** Sentry's issue ("group") shape; `count` is a string, as Sentry sends it. */
export function serializeIssue(row: IssueRow, publicUrl: string, extras: IssueExtras = {}) {
  const id = String(row.id);
  return {
    id,
    shortId: formatShortId(row.project_slug, row.short_id),
    title: row.title,
    culprit: row.culprit,
    permalink: `${publicUrl}/organizations/${row.organization_slug}/issues/${id}/`,
    logger: null,
    level: row.level,
    status: row.status,
    statusDetails: row.status_details ?? {},
    substatus:
      row.status === "unresolved" ? "ongoing" : row.status === "ignored" ? "archived_until_condition_met" : null,
    isPublic: false,
    platform: row.project_platform,
    project: {
      id: String(row.project_id),
      name: row.project_name,
      slug: row.project_slug,
      platform: row.project_platform,
    },
    type: row.type,
    issueType: "error",
    issueCategory: "error",
    isUnhandled: extras.isUnhandled ?? false,
    priority: priorityOf(row.level),
    // Priority is never set by hand in Faultline: it follows the level, so never locked.
    priorityLockedAt: null,
    // Faultline has no public sharing of issues.
    shareId: null,
    metadata: metadataOf(row),
    numComments: extras.numComments ?? 0,
    assignedTo:
      row.assignee_id !== null
        ? {
            type: "user",
            id: String(row.assignee_id),
            name: row.assignee_name || row.assignee_email,
            email: row.assignee_email,
          }
        : row.assignee_team_id !== null
          ? // Sentry names a team assignee by its slug.
            { type: "team", id: String(row.assignee_team_id), name: row.assignee_team_slug }
          : null,
    isBookmarked: extras.isBookmarked ?? false,
    isSubscribed: extras.isSubscribed ?? false,
    // Sentry explains implicit subscriptions (commented, assigned, mentioned); Faultline's are explicit.
    subscriptionDetails: null,
    hasSeen: false,
    annotations: [] as string[],
    // Faultline has no plugins or issue-tracker integrations: nothing linked, nothing to offer.
    pluginActions: [] as unknown[],
    pluginIssues: [] as unknown[],
    pluginContexts: [] as unknown[],
    integrationIssues: [] as unknown[],
    sentryAppIssues: [] as unknown[],
    ...seenStats(extras.scoped?.ranged ?? ownSeenStats(row)),
    // As Sentry: `lifetime.stats` is null whenever the list carries stats.
    lifetime: {
      ...seenStats(extras.scoped?.lifetime ?? ownSeenStats(row)),
      ...(extras.stats ? { stats: null } : {}),
    },
    filtered: extras.scoped?.filtered
      ? {
          ...seenStats(extras.scoped.filtered),
          ...(extras.scoped.filtered.stats ? { stats: extras.scoped.filtered.stats } : {}),
        }
      : null,
    ...(extras.stats ? { stats: extras.stats } : {}),
  };
}
