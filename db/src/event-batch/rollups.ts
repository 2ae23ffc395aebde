import type { Sql } from "../sql";
import type { Placed } from "./types";

const HOUR_MS = 3_600_000;

function hourOf(date: Date): string {
  return new Date(Math.floor(date.getTime() / HOUR_MS) * HOUR_MS).toISOString();
}

/**
 * Groups rows by key, sorted by key so every batch takes row locks in the same order. `merge`
 * folds the second row into the first (rows are made fresh per item, so it may mutate).
 */
function grouped<T>(items: Iterable<readonly [string, T]>, merge: (a: T, b: T) => T): T[] {
  const map = new Map<string, T>();
  for (const [key, value] of items) {
    const existing = map.get(key);
    if (existing === undefined) map.set(key, value);
    else map.set(key, merge(existing, value));
  }
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
}

interface Span {
  count: number;
  first: Date;
  last: Date;
}
const widen = <T extends Span>(a: T, b: T): T => {
  a.count += b.count;
  if (b.first < a.first) a.first = b.first;
  if (b.last > a.last) a.last = b.last;
  return a;
};

const addCount = <T extends { count: number }>(a: T, b: T): T => {
  a.count += b.count;
  return a;
};

/** Hourly event counts per issue and per project: the trend charts and frequency alerts read these. */
export async function upsertHourlyCounts(tx: Sql, placed: Placed[]): Promise<void> {
  const hours = placed.map(({ input }) => hourOf(input.timestamp));
  const issueHours = grouped(
    placed.map(({ issueId }, index) => {
      const id = String(issueId);
      const hour = hours[index] as string;
      return [`${id}:${hour}`, { id, hour, count: 1 }] as const;
    }),
    addCount,
  );
  await tx.execute`
    INSERT INTO issue_hourly_count (issue_id, hour, count)
    SELECT * FROM unnest(${issueHours.map((r) => r.id)}::bigint[], ${issueHours.map((r) => r.hour)}::timestamptz[], ${issueHours.map((r) => r.count)}::int[])
    ON CONFLICT (issue_id, hour) DO UPDATE SET count = issue_hourly_count.count + EXCLUDED.count`;
  const projectHours = grouped(
    placed.map(({ input }, index) => {
      const hour = hours[index] as string;
      return [`${input.projectId}:${hour}`, { id: input.projectId, hour, count: 1 }] as const;
    }),
    addCount,
  );
  await tx.execute`
    INSERT INTO project_hourly_count (project_id, hour, count)
    SELECT * FROM unnest(${projectHours.map((r) => r.id)}::int[], ${projectHours.map((r) => r.hour)}::timestamptz[], ${projectHours.map((r) => r.count)}::int[])
    ON CONFLICT (project_id, hour) DO UPDATE SET count = project_hourly_count.count + EXCLUDED.count`;
}

/** Distinct users per issue (exact), with their fields as last seen, and the issue's user_count for the new ones. */
export async function upsertIssueUsers(tx: Sql, placed: Placed[]): Promise<void> {
  const users = grouped(
    placed
      .filter(({ input }) => input.userKey !== null)
      .map(({ input, issueId }) => {
        const id = String(issueId);
        const fields = input.userFields ?? null;
        const row = {
          id,
          key: input.userKey as string,
          count: 1,
          first: input.timestamp,
          last: input.timestamp,
          fields,
        };
        return [`${id}:${input.userKey}`, row] as const;
      }),
    (a, b) => {
      // The latest event's fields win, as they do across batches below.
      const fields = b.last >= a.last ? (b.fields ?? a.fields) : (a.fields ?? b.fields);
      return { ...widen(a, b), fields };
    },
  );
  if (users.length === 0) return;
  const field = (pick: (fields: NonNullable<(typeof users)[number]["fields"]>) => string | null) =>
    users.map((u) => (u.fields ? pick(u.fields) : null));
  // xmax = 0 tells a freshly inserted row from an updated one.
  const rows = await tx.query<{ issue_id: bigint; inserted: boolean }[]>`
    INSERT INTO issue_user (issue_id, user_key, first_seen, last_seen, email, username, ip_address, name)
    SELECT * FROM unnest(${users.map((u) => u.id)}::bigint[], ${users.map((u) => u.key)}::text[],
                         ${users.map((u) => u.first.toISOString())}::timestamptz[], ${users.map((u) => u.last.toISOString())}::timestamptz[],
                         ${field((f) => f.email)}::text[], ${field((f) => f.username)}::text[],
                         ${field((f) => f.ipAddress)}::text[], ${field((f) => f.name)}::text[])
    ON CONFLICT (issue_id, user_key) DO UPDATE SET
      first_seen = LEAST(issue_user.first_seen, EXCLUDED.first_seen),
      last_seen = GREATEST(issue_user.last_seen, EXCLUDED.last_seen),
      email = COALESCE(EXCLUDED.email, issue_user.email),
      username = COALESCE(EXCLUDED.username, issue_user.username),
      ip_address = COALESCE(EXCLUDED.ip_address, issue_user.ip_address),
      name = COALESCE(EXCLUDED.name, issue_user.name)
    RETURNING issue_id, (xmax = 0) AS inserted`;
  const added = new Map<string, number>();
  for (const row of rows) if (row.inserted) added.set(String(row.issue_id), (added.get(String(row.issue_id)) ?? 0) + 1);
  if (added.size === 0) return;
  const ids = [...added.keys()].sort();
  await tx.execute`
    UPDATE issue AS i SET user_count = i.user_count + v.n
    FROM unnest(${ids}::bigint[], ${ids.map((id) => added.get(id) ?? 0)}::int[]) AS v(id, n)
    WHERE i.id = v.id`;
}

/** Tag value counts per issue: the tag distributions on the issue page. */
export async function upsertTagValues(tx: Sql, placed: Placed[]): Promise<void> {
  const values = grouped(
    placed.flatMap(({ input, issueId }) => {
      const id = String(issueId);
      return input.tags.map(([key, value]) => {
        const row = { id, key, value, count: 1, first: input.timestamp, last: input.timestamp };
        return [`${id}\u0000${key}\u0000${value}`, row] as const;
      });
    }),
    widen,
  );
  if (values.length === 0) return;
  await tx.execute`
    INSERT INTO issue_tag_value (issue_id, key, value, times_seen, first_seen, last_seen)
    SELECT * FROM unnest(${values.map((v) => v.id)}::bigint[], ${values.map((v) => v.key)}::text[], ${values.map((v) => v.value)}::text[],
                         ${values.map((v) => v.count)}::int[], ${values.map((v) => v.first.toISOString())}::timestamptz[],
                         ${values.map((v) => v.last.toISOString())}::timestamptz[])
    ON CONFLICT (issue_id, key, value) DO UPDATE SET
      times_seen = issue_tag_value.times_seen + EXCLUDED.times_seen,
      first_seen = LEAST(issue_tag_value.first_seen, EXCLUDED.first_seen),
      last_seen = GREATEST(issue_tag_value.last_seen, EXCLUDED.last_seen)`;
}

/** Releases and environments each project has seen. */
export async function upsertReleasesAndEnvironments(tx: Sql, placed: Placed[]): Promise<void> {
  const releases = grouped(
    placed
      .filter(({ input }) => input.release !== null)
      .map(({ input }) => [
        `${input.projectId}:${input.release}`,
        {
          projectId: input.projectId,
          name: input.release as string,
          count: 1,
          first: input.timestamp,
          last: input.timestamp,
        },
      ]),
    widen,
  );
  if (releases.length > 0) {
    await tx.execute`
      INSERT INTO project_release (project_id, version, first_seen, last_seen, event_count)
      SELECT * FROM unnest(${releases.map((r) => r.projectId)}::int[], ${releases.map((r) => r.name)}::text[],
                           ${releases.map((r) => r.first.toISOString())}::timestamptz[], ${releases.map((r) => r.last.toISOString())}::timestamptz[],
                           ${releases.map((r) => r.count)}::int[])
      ON CONFLICT (project_id, version) DO UPDATE SET
        first_seen = LEAST(project_release.first_seen, EXCLUDED.first_seen),
        last_seen = GREATEST(project_release.last_seen, EXCLUDED.last_seen),
        event_count = project_release.event_count + EXCLUDED.event_count`;
  }
  const environments = grouped(
    placed
      .filter(({ input }) => input.environment !== null)
      .map(({ input }) => [
        `${input.projectId}:${input.environment}`,
        {
          projectId: input.projectId,
          name: input.environment as string,
          count: 1,
          first: input.timestamp,
          last: input.timestamp,
        },
      ]),
    widen,
  );
  if (environments.length > 0) {
    await tx.execute`
      INSERT INTO project_environment (project_id, name, first_seen, last_seen)
      SELECT * FROM unnest(${environments.map((r) => r.projectId)}::int[], ${environments.map((r) => r.name)}::text[],
                           ${environments.map((r) => r.first.toISOString())}::timestamptz[], ${environments.map((r) => r.last.toISOString())}::timestamptz[])
      ON CONFLICT (project_id, name) DO UPDATE SET
        first_seen = LEAST(project_environment.first_seen, EXCLUDED.first_seen),
        last_seen = GREATEST(project_environment.last_seen, EXCLUDED.last_seen)`;
  }
}
