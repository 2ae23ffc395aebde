import type { Database } from "./client";

/**
 * Issues ignored "for a while" whose while is over — the time has passed, or enough more users
 * were affected (in all, or within the ignore's user window: users last seen in it) — go back to
 * unresolved, with an activity entry saying so. On a schedule, so a quiet issue does not stay
 * hidden until its next event (Sentry's expired-snooze sweep), and user counts are checked here
 * rather than on every stored event. Returns how many came back.
 */
export async function unignoreExpired(db: Database, now: Date): Promise<number> {
  const rows = await db.$queryRaw<{ n: number }[]>`
    WITH expired AS (
      UPDATE issue SET status = 'unresolved', status_details = '{}'::jsonb, ignore_until = NULL, ignore_until_count = NULL,
                       ignore_until_user_count = NULL, ignore_window = NULL, ignore_user_window = NULL
      WHERE status = 'ignored'
        AND ((ignore_until IS NOT NULL AND ignore_until <= ${now})
             OR (ignore_until_user_count IS NOT NULL AND ignore_user_window IS NULL
                 AND user_count >= ignore_until_user_count)
             OR (ignore_until_user_count IS NOT NULL AND ignore_user_window IS NOT NULL
                 AND (SELECT count(*) FROM issue_user u
                      WHERE u.issue_id = issue.id
                        AND u.last_seen >= ${now}::timestamptz - make_interval(mins => issue.ignore_user_window))
                     >= ignore_until_user_count))
      RETURNING id
    ), recorded AS (
      INSERT INTO issue_activity (issue_id, user_id, type, data)
      SELECT id, NULL, 'set_unresolved', '{"reason": "ignore_expired"}'::jsonb FROM expired
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM recorded`;
  return rows[0]?.n ?? 0;
}
