import { buildNotification, type Notification } from "@faultline/core";
import type { Database } from "./client";

/**
 * The "resolved" message of an issue for one rule (PagerDuty resolve, Opsgenie close): the
 * issue as it is now, without an event. Null when the issue is gone.
 */
export function createResolveNoticesRepo(db: Database, publicUrl: string) {
  return {
    async forResolve(
      rule: { id: number; name: string; projectId: number },
      issueId: bigint,
    ): Promise<Notification | null> {
      const issue = await db.issue.findUnique({
        where: { id: issueId },
        select: {
          id: true,
          title: true,
          culprit: true,
          level: true,
          status: true,
          timesSeen: true,
          userCount: true,
          firstSeen: true,
          lastSeen: true,
          project: { select: { id: true, slug: true, name: true, organization: { select: { slug: true } } } },
        },
      });
      if (!issue || issue.project.id !== rule.projectId) return null;
      const { project, ...facts } = issue;
      return buildNotification({
        kind: "resolve",
        project: { id: project.id, slug: project.slug, name: project.name, organization: project.organization.slug },
        rule: { id: rule.id, name: rule.name },
        triggers: ["resolved"],
        issues: [facts],
        event: null,
        digestMinutes: null,
        publicUrl,
        now: new Date(),
      });
    },
  };
}

export type ResolveNoticesRepo = ReturnType<typeof createResolveNoticesRepo>;
