import { databasePool, type Database } from "../client";
import { inTransaction } from "../sql";
import { insertEvents } from "./insert-events";
import { recordProjectFacts } from "./project-facts";
import { resolveIssues } from "./resolve-issues";
import { upsertHourlyCounts, upsertIssueUsers, upsertReleasesAndEnvironments, upsertTagValues } from "./rollups";
import type { Placed, StoreOutcome, StoredEventInput } from "./types";
import { updateIssues } from "./update-issues";

const DEADLOCK = "40P01";
const MAX_ATTEMPTS = 3;

/**
 * Stores a batch of processed events in one transaction: issues found or created, events
 * inserted (duplicates skipped), issue counters and statuses updated, rollups maintained.
 * Idempotent: a retried batch stores and counts nothing twice. A failure stores nothing of the
 * batch; the worker's event batcher then stores its events again in halves, so one event whose
 * values PostgreSQL refuses fails alone.
 */
export async function storeEventBatch(db: Database, inputs: StoredEventInput[]): Promise<StoreOutcome[]> {
  if (inputs.length === 0) return [];
  const pool = databasePool(db);
  if (!pool) throw new Error("storeEventBatch needs a client made by createDatabase");
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(pool, async (tx) => {
        const now = new Date();
        const { issueIds, newIssues } = await resolveIssues(tx, inputs);
        const inserted = await insertEvents(tx, inputs, issueIds);
        const placed: Placed[] = [];
        inputs.forEach((input, index) => {
          const issueId = issueIds[index];
          if (inserted.has(index) && issueId !== undefined) placed.push({ input, issueId });
        });
        const regressed = placed.length > 0 ? await updateIssues(tx, placed, now) : new Set<bigint>();
        if (placed.length > 0) {
          await upsertHourlyCounts(tx, placed);
          await upsertIssueUsers(tx, placed);
          await upsertTagValues(tx, placed);
          await upsertReleasesAndEnvironments(tx, placed);
          await recordProjectFacts(tx, placed);
        }
        const firstOfIssue = new Set<bigint>();
        return inputs.map((input, index): StoreOutcome => {
          const issueId = issueIds[index];
          if (!inserted.has(index) || issueId === undefined)
            return { stored: false, eventId: input.eventId, reason: "duplicate" };
          // "New issue" and "regression" belong to the first event of the issue in this batch.
          const first = !firstOfIssue.has(issueId);
          firstOfIssue.add(issueId);
          return {
            stored: true,
            eventId: input.eventId,
            issueId,
            isNewIssue: first && newIssues.has(issueId),
            isRegression: first && regressed.has(issueId),
          };
        });
      });
    } catch (error) {
      if (attempt < MAX_ATTEMPTS && isDeadlock(error)) continue;
      throw error;
    }
  }
}

function isDeadlock(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === DEADLOCK;
}
