import { dashedEventId } from "@faultline/core";
import type { Sql } from "../sql";
import { SerializedJson, type StoredEventInput } from "./types";

/**
 * Inserts the events in one statement; returns the indexes of those actually inserted. An event
 * id already stored (an SDK or job retry, or twice in this batch) is skipped. The event table is
 * partitioned by timestamp, so its unique key is (project, event id, timestamp): a retry carrying
 * the same timestamp hits it, and one whose timestamp was filled in from its arrival time (no
 * timestamp sent) is found by looking a day either side, in the two or three partitions there.
 */
export async function insertEvents(
  tx: Sql,
  allInputs: StoredEventInput[],
  allIssueIds: bigint[],
): Promise<Set<number>> {
  const { inputs, issueIds } = firstOccurrences(allInputs, allIssueIds);
  const rows = await tx.query<{ project_id: number; event_id: string }[]>`
    INSERT INTO event (project_id, issue_id, event_id, timestamp, received_at, level, platform, release,
                       environment, message, title, tags, data, primary_hash)
    SELECT p, i, e, ts, r, l, pf, rel, env, m, t, tg::jsonb, payload.d, ph
    FROM unnest(
      ${inputs.map((x) => x.projectId)}::int[],
      ${issueIds.map(String)}::bigint[],
      ${inputs.map((x) => dashedEventId(x.eventId))}::uuid[],
      ${inputs.map((x) => x.timestamp.toISOString())}::timestamptz[],
      ${inputs.map((x) => x.receivedAt.toISOString())}::timestamptz[],
      ${inputs.map((x) => x.level)}::text[],
      ${inputs.map((x) => x.platform)}::text[],
      ${inputs.map((x) => x.release)}::text[],
      ${inputs.map((x) => x.environment)}::text[],
      ${inputs.map((x) => x.message)}::text[],
      ${inputs.map((x) => x.title)}::text[],
      ${inputs.map((x) => JSON.stringify(x.tags))}::text[],
      ${inputs.map((x) => x.hashes[0] ?? null)}::text[]
    ) WITH ORDINALITY AS v(p, i, e, ts, r, l, pf, rel, env, m, t, tg, ph, n)
    -- The payloads travel as one JSON array: escaping each into a text[] literal cost more CPU
    -- than the rest of the insert.
    JOIN json_array_elements(${payloadArray(inputs)}::json) WITH ORDINALITY AS payload(d, n)
      ON payload.n = v.n
    WHERE NOT EXISTS (
      SELECT 1 FROM event x WHERE x.project_id = v.p AND x.event_id = v.e
        AND x.timestamp >= v.ts - interval '1 day' AND x.timestamp <= v.ts + interval '1 day')
    ON CONFLICT (project_id, event_id, timestamp) DO NOTHING
    RETURNING project_id, replace(event_id::text, '-', '') AS event_id`;
  const inserted = new Set(rows.map((row) => `${row.project_id}:${row.event_id}`));
  const indexes = new Set<number>();
  allInputs.forEach((input, index) => {
    // Only the first occurrence of an id within the batch counts.
    if (inserted.delete(`${input.projectId}:${input.eventId}`)) indexes.add(index);
  });
  return indexes;
}

/** The batch without repeats of an event id (two arrivals may carry different timestamps). */
function firstOccurrences(inputs: StoredEventInput[], issueIds: bigint[]) {
  const seen = new Set<string>();
  const kept = { inputs: [] as StoredEventInput[], issueIds: [] as bigint[] };
  inputs.forEach((input, index) => {
    const key = `${input.projectId}:${input.eventId}`;
    const issueId = issueIds[index];
    if (seen.has(key) || issueId === undefined) return;
    seen.add(key);
    kept.inputs.push(input);
    kept.issueIds.push(issueId);
  });
  return kept;
}

/** The payloads as one JSON array text, reusing those serialized beforehand. */
function payloadArray(inputs: StoredEventInput[]): string {
  const parts = inputs.map((x) => (x.data instanceof SerializedJson ? x.data : SerializedJson.of(x.data)).text);
  return `[${parts.join(",")}]`;
}
