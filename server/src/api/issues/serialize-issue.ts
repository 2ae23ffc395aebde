import type { IssueRow } from "@faultline/db";

/** Sentry's short id: the project slug in capitals and the issue number in base 36 (`CHECKOUT-1A`). */
export function shortIdOf(projectSlug: string, id: bigint): string {
  return `${projectSlug.toUpperCase()}-${id.toString(36).toUpperCase()}`;
}

export interface IssueExtras {
  stats?: Record<string, [number, number][]>;
  numComments?: number;
}

/** Sentry's issue ("group") shape; `count` is a string, as Sentry sends it. */
export function serializeIssue(row: IssueRow, publicUrl: string, extras: IssueExtras = {}) {
  const id = String(row.id);
  return {
    id,
    shortId: shortIdOf(row.project_slug, row.id),
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
    isBookmarked: false,
    isSubscribed: false,
    hasSeen: false,
    annotations: [] as string[],
    count: String(row.times_seen),
    userCount: row.user_count,
    firstSeen: row.first_seen.toISOString(),
    lastSeen: row.last_seen.toISOString(),
    ...(extras.stats ? { stats: extras.stats } : {}),
  };
}
