import { formatShortId } from "@faultline/core";
import type { IssueRow } from "@faultline/db";

export interface IssueExtras {
  stats?: Record<string, [number, number][]>;
  numComments?: number;
  /** The requesting user's bookmark and subscription. */
  isBookmarked?: boolean;
  isSubscribed?: boolean;
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
    metadata: row.metadata ?? {},
    numComments: extras.numComments ?? 0,
    assignedTo:
      row.assignee_id !== null
        ? {
            type: "user",
            id: String(row.assignee_id),
            name: row.assignee_name || row.assignee_email,
            email: row.assignee_email,
          }
        : null,
    isBookmarked: extras.isBookmarked ?? false,
    isSubscribed: extras.isSubscribed ?? false,
    hasSeen: false,
    annotations: [] as string[],
    count: String(row.times_seen),
    userCount: row.user_count,
    firstSeen: row.first_seen.toISOString(),
    lastSeen: row.last_seen.toISOString(),
    ...(extras.stats ? { stats: extras.stats } : {}),
  };
}
