import type { Database } from "./client";

/**
 * The facts frequency and unique-user triggers need, read from what event storage maintains.
 * Counts are exact and stop at `atLeast`: a trigger only asks "are there N yet?", so a hot issue
 * costs an index range scan of at most N rows (event (issue_id, timestamp); issue_user), and the
 * worker skips counting while a rule is in its action interval for the issue anyway.
 */
export function createAlertWindowsRepo(db: Database) {
  return {
    async countEventsSince(issueId: bigint, since: Date, atLeast: number): Promise<number> {
      const rows = await db.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM (
          SELECT 1 FROM event WHERE issue_id = ${issueId} AND timestamp >= ${since} LIMIT ${atLeast}
        ) AS recent`;
      return Number(rows[0]?.n ?? 0);
    },

    /** Distinct users (issue_user: by id, else email, else IP) last seen in the window. */
    async countUsersSince(issueId: bigint, since: Date, atLeast: number): Promise<number> {
      const rows = await db.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM (
          SELECT 1 FROM issue_user WHERE issue_id = ${issueId} AND last_seen >= ${since} LIMIT ${atLeast}
        ) AS recent`;
      return Number(rows[0]?.n ?? 0);
    },

    /** The release first seen most recently in the project ("latest" in release filters). */
    async latestRelease(projectId: number): Promise<string | null> {
      const row = await db.projectRelease.findFirst({
        where: { projectId },
        orderBy: [{ firstSeen: "desc" }, { version: "desc" }],
        select: { version: true },
      });
      return row?.version ?? null;
    },
  };
}

export type AlertWindowsRepo = ReturnType<typeof createAlertWindowsRepo>;
