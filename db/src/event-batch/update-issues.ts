import { nextIssueState, type IssueStatus } from "@faultline/core";
import type { Sql } from "../sql";
import type { Placed } from "./types";

interface IssueRow {
  id: bigint;
  project_id: number;
  status: IssueStatus;
  resolved_in_release: string | null;
  ignore_until: Date | null;
  ignore_until_count: number | null;
  ignore_window: number | null;
  times_seen: number;
}

interface IssueDelta {
  issueId: bigint;
  count: number;
  firstSeen: Date;
  lastSeen: Date;
  firstRelease: string | null;
  lastRelease: string | null;
  releases: (string | null)[];
  /** The latest event's headline: like Sentry, an issue shows what its latest event says. */
  latest: { title: string; culprit: string; level: string; metadata: string };
}

/**
 * Counts the stored events on their issues and applies status transitions (regressions,
 * expired ignores). Rows are locked in id order so concurrent batches cannot deadlock; the lock
 * is FOR NO KEY UPDATE, which does not conflict with the key-share locks of event inserts.
 */
export async function updateIssues(tx: Sql, placed: Placed[], now: Date): Promise<Set<bigint>> {
  const deltas = aggregate(placed);
  const ids = [...deltas.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rows = await tx.query<IssueRow[]>`
    SELECT id, project_id, status, resolved_in_release, ignore_until, ignore_until_count, ignore_window, times_seen
    FROM issue WHERE id = ANY(${ids.map(String)}::bigint[]) ORDER BY id FOR NO KEY UPDATE`;
  const releaseOrder = await releaseFirstSeen(tx, rows, deltas);
  const inWindow = await eventsInIgnoreWindows(tx, rows, now);

  const regressed = new Set<bigint>();
  const update = {
    id: [] as string[],
    count: [] as number[],
    first: [] as string[],
    last: [] as string[],
    firstRelease: [] as (string | null)[],
    lastRelease: [] as (string | null)[],
    status: [] as string[],
    regressed: [] as boolean[],
    clear: [] as boolean[],
    title: [] as string[],
    culprit: [] as string[],
    level: [] as string[],
    metadata: [] as string[],
  };
  for (const row of rows) {
    const delta = deltas.get(row.id);
    if (!delta) continue;
    const transition = nextIssueState(
      {
        status: row.status,
        resolvedInRelease: row.resolved_in_release,
        ignoreUntil: row.ignore_until,
        ignoreUntilCount: row.ignore_until_count,
        ignoreWindow: row.ignore_window,
        timesSeen: row.times_seen,
        eventsInWindow: inWindow.get(row.id) ?? 0,
      },
      delta.releases,
      delta.count,
      now,
      (candidate, baseline) => {
        const a = releaseOrder.get(`${row.project_id}:${candidate}`);
        const b = releaseOrder.get(`${row.project_id}:${baseline}`);
        // A release the project has never seen before is newer than anything known.
        return a === undefined || (b !== undefined && a > b);
      },
    );
    if (transition.regressed) regressed.add(row.id);
    update.id.push(String(row.id));
    update.count.push(delta.count);
    update.first.push(delta.firstSeen.toISOString());
    update.last.push(delta.lastSeen.toISOString());
    update.firstRelease.push(delta.firstRelease);
    update.lastRelease.push(delta.lastRelease);
    update.status.push(transition.status);
    update.regressed.push(transition.regressed);
    update.clear.push(transition.clearDetails);
    update.title.push(delta.latest.title);
    update.culprit.push(delta.latest.culprit);
    update.level.push(delta.latest.level);
    update.metadata.push(delta.latest.metadata);
  }
  await tx.execute`
    UPDATE issue AS i SET
      times_seen   = i.times_seen + v.count,
      stored_events = i.stored_events + v.count,
      first_seen   = LEAST(i.first_seen, v.first_seen),
      last_seen    = GREATEST(i.last_seen, v.last_seen),
      first_release = COALESCE(i.first_release, v.first_release),
      last_release = CASE WHEN v.last_seen >= i.last_seen THEN COALESCE(v.last_release, i.last_release) ELSE i.last_release END,
      status       = v.status::issue_status,
      regression_count = i.regression_count + CASE WHEN v.regressed THEN 1 ELSE 0 END,
      last_regressed_at = CASE WHEN v.regressed THEN ${now} ELSE i.last_regressed_at END,
      status_details = CASE WHEN v.clear THEN '{}'::jsonb ELSE i.status_details END,
      resolved_in_release = CASE WHEN v.clear THEN NULL ELSE i.resolved_in_release END,
      ignore_until = CASE WHEN v.clear THEN NULL ELSE i.ignore_until END,
      ignore_until_count = CASE WHEN v.clear THEN NULL ELSE i.ignore_until_count END,
      ignore_until_user_count = CASE WHEN v.clear THEN NULL ELSE i.ignore_until_user_count END,
      ignore_window = CASE WHEN v.clear THEN NULL ELSE i.ignore_window END,
      ignore_user_window = CASE WHEN v.clear THEN NULL ELSE i.ignore_user_window END,
      title    = CASE WHEN v.last_seen >= i.last_seen THEN v.title ELSE i.title END,
      culprit  = CASE WHEN v.last_seen >= i.last_seen THEN v.culprit ELSE i.culprit END,
      level    = CASE WHEN v.last_seen >= i.last_seen THEN v.level ELSE i.level END,
      metadata = CASE WHEN v.last_seen >= i.last_seen THEN v.metadata::jsonb ELSE i.metadata END
    FROM unnest(${update.id}::bigint[], ${update.count}::int[], ${update.first}::timestamptz[], ${update.last}::timestamptz[],
                ${update.firstRelease}::text[], ${update.lastRelease}::text[], ${update.status}::text[],
                ${update.regressed}::boolean[], ${update.clear}::boolean[], ${update.title}::text[],
                ${update.culprit}::text[], ${update.level}::text[], ${update.metadata}::text[])
      AS v(id, count, first_seen, last_seen, first_release, last_release, status, regressed, clear, title, culprit, level, metadata)
    WHERE i.id = v.id`;
  return regressed;
}

function headline(input: Placed["input"]): IssueDelta["latest"] {
  return { title: input.title, culprit: input.culprit, level: input.level, metadata: JSON.stringify(input.metadata) };
}

function aggregate(placed: Placed[]): Map<bigint, IssueDelta> {
  const deltas = new Map<bigint, IssueDelta>();
  for (const { input, issueId } of placed) {
    const delta = deltas.get(issueId);
    if (!delta) {
      deltas.set(issueId, {
        issueId,
        count: 1,
        firstSeen: input.timestamp,
        lastSeen: input.timestamp,
        firstRelease: input.release,
        lastRelease: input.release,
        releases: [input.release],
        latest: headline(input),
      });
      continue;
    }
    delta.count += 1;
    delta.releases.push(input.release);
    if (input.timestamp < delta.firstSeen) {
      delta.firstSeen = input.timestamp;
      delta.firstRelease = input.release ?? delta.firstRelease;
    }
    if (input.timestamp >= delta.lastSeen) {
      delta.lastSeen = input.timestamp;
      delta.lastRelease = input.release ?? delta.lastRelease;
      delta.latest = headline(input);
    }
  }
  return deltas;
}

/** When each release involved (event releases and resolution baselines) was first seen. */
async function releaseFirstSeen(
  tx: Sql,
  rows: IssueRow[],
  deltas: Map<bigint, IssueDelta>,
): Promise<Map<string, number>> {
  const projectIds: number[] = [];
  const versions: string[] = [];
  for (const row of rows) {
    if (row.status !== "resolved" || row.resolved_in_release === null) continue;
    const wanted = new Set([row.resolved_in_release, ...(deltas.get(row.id)?.releases ?? [])]);
    for (const version of wanted) {
      if (version === null) continue;
      projectIds.push(row.project_id);
      versions.push(version);
    }
  }
  if (versions.length === 0) return new Map();
  const found = await tx.query<{ project_id: number; version: string; first_seen: Date }[]>`
    SELECT r.project_id, r.version, r.first_seen FROM project_release r
    JOIN unnest(${projectIds}::int[], ${versions}::text[]) AS w(project_id, version)
      ON r.project_id = w.project_id AND r.version = w.version`;
  return new Map(found.map((row) => [`${row.project_id}:${row.version}`, row.first_seen.getTime()]));
}

/**
 * Events each ignored-with-a-window issue already has within its window, from the hourly rollup
 * (this batch's events are not in it yet). Like Sentry's time-series sums, whole buckets count: the
 * hour the window starts in is counted in full, so a rate can end an ignore a little early, never late.
 */
async function eventsInIgnoreWindows(tx: Sql, rows: IssueRow[], now: Date): Promise<Map<bigint, number>> {
  const windowed = rows.filter((row) => row.status === "ignored" && row.ignore_window !== null);
  if (windowed.length === 0) return new Map();
  const found = await tx.query<{ issue_id: bigint; n: number }[]>`
    SELECT c.issue_id, sum(c.count)::int AS n
    FROM issue_hourly_count c
    JOIN unnest(${windowed.map((row) => String(row.id))}::bigint[], ${windowed.map((row) => row.ignore_window)}::int[])
      AS w(issue_id, minutes)
      ON c.issue_id = w.issue_id AND c.hour >= date_trunc('hour', ${now}::timestamptz - make_interval(mins => w.minutes))
    GROUP BY c.issue_id`;
  return new Map(found.map((row) => [BigInt(row.issue_id), row.n]));
}
