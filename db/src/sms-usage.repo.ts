import type { Database } from "./client";

export function createSmsUsageRepo(db: Database) {
  return {
    /**
     * Takes one of the project's SMS for today (UTC) if fewer than `cap` were taken: one atomic
     * statement, so concurrent workers can never go over the cap together.
     */
    async take(projectId: number, cap: number, now = new Date()): Promise<boolean> {
      if (cap <= 0) return false;
      const day = now.toISOString().slice(0, 10);
      const rows = await db.$queryRaw<{ count: number }[]>`
        INSERT INTO project_sms_daily_count (project_id, day, count) VALUES (${projectId}, ${day}::date, 1)
        ON CONFLICT (project_id, day) DO UPDATE SET count = project_sms_daily_count.count + 1
        WHERE project_sms_daily_count.count < ${cap}
        RETURNING count`;
      return rows.length > 0;
    },
  };
}

export type SmsUsageRepo = ReturnType<typeof createSmsUsageRepo>;
