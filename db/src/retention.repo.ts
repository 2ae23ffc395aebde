import type { Database } from "./client";
import { dropEventPartitionsBefore, utcDay } from "./event-partitions.repo";

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
  /** Whole days of events dropped at once (their events are in expiredEvents; attachments are dropped by day too). */
  droppedPartitions: number;
  expiredAttachments: number;
  trimmedEvents: number;
}

const DAY_MS = 86_400_000;

/**
 * Deletes events past their project's retention and trims issues over their stored-event cap,
 * in bounded batches. Issue counters and rollups are left alone: an issue whose events are
 * gone keeps its counts and history.
 *
 * Events are partitioned by UTC day, and retention counts whole days: an event goes once its day
 * is entirely past its project's retention. Days past every project's retention are dropped as
 * partitions. A project keeping events for less than the longest retention has its rows deleted,
 * which reads only the partitions older than its cutoff (and the default partition, where events
 * dated outside the partitioned days live).
 */
export async function applyRetention(db: Database, settings: RetentionSettings): Promise<RetentionResult> {
  const projects = await db.project.findMany({
    select: { id: true, eventRetentionDays: true, maxEventsPerIssue: true },
  });
  const now = new Date();
  const cutoffOf = (days: number) => utcDay(new Date(now.getTime() - days * DAY_MS));
  const longest = Math.max(settings.retentionDays, ...projects.map((p) => p.eventRetentionDays ?? 0));
  const dropped = await dropEventPartitionsBefore(db, cutoffOf(longest));
  const droppedAttachments = await dropEventPartitionsBefore(db, cutoffOf(longest), "attachment");
  const result: RetentionResult = {
    expiredEvents: dropped.rows,
    droppedPartitions: dropped.partitions,
    expiredAttachments: droppedAttachments.rows,
    trimmedEvents: 0,
  };
  for (const project of projects) {
    const cutoff = cutoffOf(project.eventRetentionDays ?? settings.retentionDays);
    result.expiredEvents += await deleteInBatches(
      (limit) => db.$executeRaw`
        DELETE FROM event WHERE timestamp < ${cutoff} AND (id, timestamp) IN (
          SELECT id, timestamp FROM event WHERE project_id = ${project.id} AND timestamp < ${cutoff} LIMIT ${limit})`,
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
        DELETE FROM attachment WHERE created_at < ${cutoff} AND (id, created_at) IN (
          SELECT id, created_at FROM attachment WHERE project_id = ${project.id} AND created_at < ${cutoff} LIMIT ${limit})`,
      settings.batchSize,
    );
    // Cron monitors' check-ins are kept as long as events (their monitors stay).
    await deleteInBatches(
      (limit) => db.$executeRaw`
        DELETE FROM monitor_check_in WHERE id IN (
          SELECT id FROM monitor_check_in WHERE project_id = ${project.id} AND created_at < ${cutoff} LIMIT ${limit})`,
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
  // The stored count, kept by the worker's inserts, never below the real one: no event is read to
  // find the crowded issues.
  const crowded = await db.$queryRaw<{ issue_id: bigint }[]>`
    SELECT id AS issue_id FROM issue WHERE project_id = ${projectId} AND stored_events > ${cap}`;
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
    await recountStoredEvents(db, issueId);
  }
  return total;
}

/**
 * Sets an issue's stored count to what is there. The issue row is locked first, so a batch that
 * stored events for it has either committed them (counted here) or adds them after (on top).
 */
async function recountStoredEvents(db: Database, issueId: bigint): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM issue WHERE id = ${issueId} FOR NO KEY UPDATE`;
    await tx.$executeRaw`
      UPDATE issue SET stored_events = (SELECT count(*)::int FROM event WHERE issue_id = ${issueId})
      WHERE id = ${issueId}`;
  });
}
