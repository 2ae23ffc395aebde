import type { Database } from "./client";

/**
 * Who hears about an issue (workflow emails). A user subscribes by pressing Subscribe, by
 * commenting and by being assigned it; an explicit unsubscribe (is_active false) is kept, so
 * commenting again does not undo it.
 */
export function createIssueSubscriptionsRepo(db: Database) {
  return {
    /** Subscribes the user unless they chose either way before. */
    async participate(issueId: bigint, userId: number): Promise<void> {
      await db.$executeRaw`INSERT INTO issue_subscription (issue_id, user_id, is_active)
        VALUES (${issueId}, ${userId}, true) ON CONFLICT (issue_id, user_id) DO NOTHING`;
    },

    async unsubscribe(issueId: bigint, userId: number): Promise<void> {
      await db.$executeRaw`INSERT INTO issue_subscription (issue_id, user_id, is_active)
        VALUES (${issueId}, ${userId}, false) ON CONFLICT (issue_id, user_id) DO UPDATE SET is_active = false`;
    },

    /**
     * The people to email about the issue: active subscribers with workflow emails on, still
     * active members of the issue's organization, other than whoever made the change.
     */
    async recipients(issueId: bigint, exceptUserId: number | null) {
      return db.$queryRaw<{ id: number; email: string; name: string }[]>`
        SELECT u.id, u.email, u.name FROM issue_subscription s
        JOIN app_user u ON u.id = s.user_id
        JOIN issue i ON i.id = s.issue_id
        JOIN project p ON p.id = i.project_id
        JOIN organization_member m ON m.organization_id = p.organization_id AND m.user_id = u.id
        WHERE s.issue_id = ${issueId} AND s.is_active AND u.workflow_emails AND u.is_active
          AND u.id IS DISTINCT FROM ${exceptUserId}
        ORDER BY u.id`;
    },

    /** The user's active subscriptions, newest first, for the account page. */
    listForUser: (userId: number, limit: number) =>
      db.$queryRaw<
        {
          issue_id: bigint;
          title: string;
          short_id: number;
          status: string;
          project_slug: string;
          organization_slug: string;
          created_at: Date;
        }[]
      >`
        SELECT s.issue_id, i.title, i.short_id, i.status::text AS status, p.slug AS project_slug,
          o.slug AS organization_slug, s.created_at
        FROM issue_subscription s JOIN issue i ON i.id = s.issue_id
        JOIN project p ON p.id = i.project_id JOIN organization o ON o.id = p.organization_id
        JOIN organization_member m ON m.organization_id = o.id AND m.user_id = s.user_id
        WHERE s.user_id = ${userId} AND s.is_active
        ORDER BY s.created_at DESC, s.issue_id DESC LIMIT ${limit}`,
  };
}

export type IssueSubscriptionsRepo = ReturnType<typeof createIssueSubscriptionsRepo>;
