import type { Sql } from "../sql";
import type { StoredEventInput } from "./types";

interface HashRow {
  project_id: number;
  hash: string;
  issue_id: bigint;
}

/**
 * Finds or creates the issue of every event. A brand-new group is created once however many
 * workers race on it: creators take an advisory lock per (project, primary hash) — in sorted
 * order, so two batches never wait on each other in a cycle — and look again under the lock.
 */
export async function resolveIssues(
  tx: Sql,
  inputs: StoredEventInput[],
): Promise<{ issueIds: bigint[]; newIssues: Set<bigint> }> {
  const known = await lookupHashes(tx, inputs);
  const inDatabase = new Set(known.keys());
  const missing = inputs.filter((input) => findIssue(known, input) === undefined);
  const newIssues = new Set<bigint>();

  if (missing.length > 0) {
    const groups = [...new Set(missing.map((input) => groupKey(input)))].sort();
    for (const key of groups) {
      const [projectId, hash] = splitGroupKey(key);
      await tx.execute`SELECT pg_advisory_xact_lock(${projectId}::int, hashtext(${hash}))`;
    }
    for (const [key, issueId] of await lookupHashes(tx, missing)) known.set(key, issueId);
    // Creating an issue takes its project's row (the issue number counter) until commit: take
    // projects in id order so two batches never wait on each other in a cycle. The sort is
    // stable, so within a project the first event still creates the issue.
    const byProject = [...missing].sort((a, b) => a.projectId - b.projectId);
    for (const input of byProject) {
      if (findIssue(known, input) !== undefined) continue;
      const issueId = await createIssue(tx, input);
      newIssues.add(issueId);
      for (const hash of input.hashes) known.set(`${input.projectId}:${hash}`, issueId);
    }
  }

  const issueIds = inputs.map((input) => {
    const id = findIssue(known, input);
    if (id === undefined) throw new Error("event left without an issue");
    return id;
  });
  await attachHashes(tx, inputs, issueIds, inDatabase);
  return { issueIds, newIssues };
}

function groupKey(input: StoredEventInput): string {
  return `${input.projectId}:${input.hashes[0] ?? ""}`;
}

function splitGroupKey(key: string): [number, string] {
  const colon = key.indexOf(":");
  return [Number(key.slice(0, colon)), key.slice(colon + 1)];
}

/** The issue owning the event's first hash that has one (hashes are in priority order). */
function findIssue(known: Map<string, bigint>, input: StoredEventInput): bigint | undefined {
  for (const hash of input.hashes) {
    const id = known.get(`${input.projectId}:${hash}`);
    if (id !== undefined) return id;
  }
  return undefined;
}

async function lookupHashes(tx: Sql, inputs: StoredEventInput[]): Promise<Map<string, bigint>> {
  const projectIds: number[] = [];
  const hashes: string[] = [];
  for (const input of inputs) {
    for (const hash of input.hashes) {
      projectIds.push(input.projectId);
      hashes.push(hash);
    }
  }
  const rows = await tx.query<HashRow[]>`
    SELECT g.project_id, g.hash, g.issue_id
    FROM group_hash g
    JOIN unnest(${projectIds}::int[], ${hashes}::text[]) AS wanted(project_id, hash)
      ON g.project_id = wanted.project_id AND g.hash = wanted.hash`;
  return new Map(rows.map((row) => [`${row.project_id}:${row.hash}`, row.issue_id]));
}

/**
 * Inserts the issue with the next number of its project (Sentry's short id: CHECKOUT-1, -2, ...)
 * in one statement: the counter's UPDATE holds the project row until commit, so concurrent
 * creators in one project take turns and never share a number.
 */
async function createIssue(tx: Sql, input: StoredEventInput): Promise<bigint> {
  const [created] = await tx.query<{ id: bigint }[]>`
    WITH numbered AS (
      UPDATE project SET last_short_id = last_short_id + 1 WHERE id = ${input.projectId} RETURNING last_short_id
    )
    INSERT INTO issue (project_id, short_id, primary_hash, title, culprit, level, type, metadata, first_seen, last_seen, times_seen)
    SELECT ${input.projectId}, numbered.last_short_id, ${input.hashes[0]}, ${input.title}, ${input.culprit}, ${input.level},
           ${input.type}, ${JSON.stringify(input.metadata)}::jsonb, ${input.timestamp}, ${input.timestamp}, 0
    FROM numbered
    RETURNING id`;
  if (!created) throw new Error("issue insert returned no row");
  return created.id;
}

/** Records hashes not yet known, so later events with only a secondary hash find the issue. */
async function attachHashes(
  tx: Sql,
  inputs: StoredEventInput[],
  issueIds: bigint[],
  inDatabase: Set<string>,
): Promise<void> {
  const rows = new Map<string, [number, string, string, string]>();
  inputs.forEach((input, index) => {
    for (const hash of input.hashes) {
      if (inDatabase.has(`${input.projectId}:${hash}`)) continue;
      rows.set(`${input.projectId}:${hash}`, [input.projectId, hash, String(issueIds[index]), input.groupingVersion]);
    }
  });
  if (rows.size === 0) return;
  const sorted = [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
  await tx.execute`
    INSERT INTO group_hash (project_id, hash, issue_id, grouping_version)
    SELECT * FROM unnest(${sorted.map((r) => r[0])}::int[], ${sorted.map((r) => r[1])}::text[],
                         ${sorted.map((r) => r[2])}::bigint[], ${sorted.map((r) => r[3])}::text[])
    ON CONFLICT (project_id, hash) DO NOTHING`;
}
