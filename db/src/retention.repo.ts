import type { Database } from "./client";

export interface RetentionSettings {
  /** Default days events are kept; a project's event_retention_days overrides it. */
  retentionDays: number;
  /** Default most events stored per issue (0: no cap); a project's max_events_per_issue overrides it. */
  maxEventsPerIssue: number;
  /** Rows deleted per statement: short transactions, so nothing waits long on them. */
  batchSize: number;
}

export interface RetentionResult {
  expiredEvents: number;
  expiredAttachments: number;
  trimmedEvents: number;
}

/**
 * Deletes events past their project's retention and trims issues over their stored-event cap,
 * in bounded batches. Issue counters and rollups are left alone: an issue whose events are
 * gone keeps its counts and history.
 */
export async function applyRetention(db: Database, settings: RetentionSettings): Promise<RetentionResult> {
  const projects = await db.project.findMany({
    select: { id: true, eventRetentionDays: true, maxEventsPerIssue: true },
  });
  const result: RetentionResult = { expiredEvents: 0, expiredAttachments: 0, trimmedEvents: 0 };
  for (const project of projects) {
    const days = project.eventRetentionDays ?? settings.retentionDays;
    const cutoff = new Date(Date.now() - days * 86_400_000);
    result.expiredEvents += await deleteInBatches(
      (limit) => db.$executeRaw`
        DELETE FROM event WHERE id IN (
          SELECT id FROM event WHERE project_id = ${project.id} AND timestamp < ${cutoff} LIMIT ${limit})`,
      settings.batchSize,
    );
    // Ids of events counted without storage (spike protection) are kept as long as events are.
    await deleteInBatches(
      (limit) => db.$executeRaw`
        DELETE FROM counted_event WHERE (project_id, event_id) IN (
          SELECT project_id, event_id FROM counted_event WHERE project_id = ${project.id} AND timestamp < ${cutoff} LIMIT ${limit})`,
      settings.batchSize,
    );
    result.expiredAttachments += await deleteInBatches(
      (limit) => db.$executeRaw`
        DELETE FROM attachment WHERE id IN (
          SELECT id FROM attachment WHERE project_id = ${project.id} AND created_at < ${cutoff} LIMIT ${limit})`,
      settings.batchSize,
    );
    const cap = project.maxEventsPerIssue ?? settings.maxEventsPerIssue;
    if (cap > 0) result.trimmedEvents += await trimIssues(db, project.id, Math.max(cap, 2), settings.batchSize);
  }
  return result;
}

async function deleteInBatches(deleteSome: (limit: number) => Promise<number>, batchSize: number): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteSome(batchSize);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}

/**
 * Keeps `cap` events of each issue that has more: the first, the latest, and the rest spread
 * evenly in between (every k-th by time), so the event list still shows how the issue evolved.
 */
async function trimIssues(db: Database, projectId: number, cap: number, batchSize: number): Promise<number> {
  const crowded = await db.$queryRaw<{ issue_id: bigint }[]>`
    SELECT issue_id FROM event WHERE project_id = ${projectId}
    GROUP BY issue_id HAVING count(*) > ${cap}`;
  let total = 0;
  for (const { issue_id: issueId } of crowded) {
    total += await deleteInBatches(
      (limit) => db.$executeRaw`
        DELETE FROM event WHERE id IN (
          SELECT id FROM (
            SELECT id, row_number() OVER (ORDER BY timestamp, id) AS rn, count(*) OVER () AS n
            FROM event WHERE issue_id = ${issueId}
          ) ranked
          WHERE rn <> 1 AND rn <> n
            AND (rn - 1) % GREATEST(1, CEIL((n - 1)::numeric / (${cap} - 1)))::int <> 0
          LIMIT ${limit})`,
      batchSize,
    );
  }
  return total;
}
