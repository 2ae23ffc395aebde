import type { Database } from "./client";

export interface OutcomeCount {
  projectId: number;
  hour: Date;
  outcome: string;
  category: string;
  reason: string;
  quantity: number;
}

export function createOutcomesRepo(db: Database) {
  return {
    /** Adds counts to the hourly rows (one statement for the whole batch). */
    async addOutcomes(rows: OutcomeCount[]): Promise<void> {
      if (rows.length === 0) return;
      await db.$executeRaw`
        INSERT INTO outcome (project_id, hour, outcome, category, reason, quantity)
        SELECT * FROM unnest(${rows.map((r) => r.projectId)}::int[], ${rows.map((r) => r.hour)}::timestamptz[],
                             ${rows.map((r) => r.outcome)}::text[], ${rows.map((r) => r.category)}::text[],
                             ${rows.map((r) => r.reason)}::text[], ${rows.map((r) => r.quantity)}::bigint[])
        ON CONFLICT (project_id, hour, outcome, category, reason)
        DO UPDATE SET quantity = outcome.quantity + EXCLUDED.quantity`;
    },

    /** Totals per outcome/category/reason for a project (what a stats endpoint will read). */
    async totals(projectId: number) {
      const rows = await db.outcome.groupBy({
        by: ["outcome", "category", "reason"],
        where: { projectId },
        _sum: { quantity: true },
      });
      return rows.map((row) => ({
        outcome: row.outcome,
        category: row.category,
        reason: row.reason,
        quantity: Number(row._sum.quantity ?? 0),
      }));
    },
  };
}

export type OutcomesRepo = ReturnType<typeof createOutcomesRepo>;
