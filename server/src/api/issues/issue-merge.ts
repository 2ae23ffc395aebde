import { createIssueMergeRepo, IssueMergeConflict, type Database, type IssueRow } from "@faultline/db";
import { badRequest, conflict } from "../api-error";

/** What a merge answers (Sentry's MergedGroup). */
export interface MergeResult {
  parent: string;
  children: string[];
}

/**
 * Sentry's choice of the issue the others merge into: the earliest first seen, then the one with
 * the most events, then the lowest id.
 */
export function orderForMerge<T extends Pick<IssueRow, "id" | "first_seen" | "times_seen">>(rows: T[]): T[] {
  return [...rows].sort(
    (a, b) =>
      a.first_seen.getTime() - b.first_seen.getTime() ||
      b.times_seen - a.times_seen ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

export function createIssueMergeService(db: Database) {
  const repo = createIssueMergeRepo(db);
  return {
    /** Merges the issues (of one project) into the one Sentry would keep. */
    async merge(rows: IssueRow[], actorId: number): Promise<MergeResult> {
      if (new Set(rows.map((row) => row.project_id)).size > 1)
        throw badRequest("Merging across multiple projects is not supported");
      const [parent, ...children] = orderForMerge(rows);
      if (!parent || children.length === 0) throw badRequest("merge: select at least two issues");
      try {
        await repo.merge(
          parent.id,
          children.map((row) => row.id),
          actorId,
        );
      } catch (error) {
        if (error instanceof IssueMergeConflict) throw conflict(error.message);
        throw error;
      }
      return { parent: String(parent.id), children: children.map((row) => String(row.id)) };
    },

    /** Splits the events of `hashes` off into a new issue; the issue keeps some of its events. */
    async unmerge(issue: { id: bigint; projectId: number }, wanted: string[], actorId: number) {
      const owned = await db.groupHash.findMany({ where: { issueId: issue.id }, select: { hash: true } });
      const ownedSet = new Set(owned.map((row) => row.hash));
      const hashes = [...new Set(wanted)].filter((hash) => ownedSet.has(hash));
      if (hashes.length === 0) throw badRequest("id: none of these hashes belongs to this issue");
      // What is left must still hold events: the hashes they came under, as GET .../hashes/ lists them.
      const withEvents = await repo.hashesWithLatestEvent(issue.id);
      if (withEvents.every((row) => hashes.includes(row.hash)))
        throw badRequest("id: an issue keeps at least one hash its events came under");
      return repo.unmerge(issue.id, issue.projectId, hashes, actorId);
    },

    hashes: (issueId: bigint) => repo.hashesWithLatestEvent(issueId),
  };
}

export type IssueMergeService = ReturnType<typeof createIssueMergeService>;
