import type { Database } from "./client";

export interface ForgetResult {
  deletedEvents: number;
  recountedIssues: number;
  deletedIssues: number;
  deletedFeedback: number;
  deletedAttachments: number;
}

type Tx = Parameters<Parameters<Database["$transaction"]>[0]>[0];

interface DeletedEvent {
  event_id: string;
  issue_id: bigint;
  hour: Date;
  tags: unknown;
  user_key: string | null;
}

/**
 * Right to be forgotten: deletes every event of one user in a project (matched by user id,
 * email, username or IP address), their feedback, the attachments of their events and their
 * release-health user rows, and
 * takes what those events contributed off the counters — issue counts, distinct users, tag
 * values, hourly rollups. Counters are decreased rather than rebuilt from the events that are
 * left: retention, per-issue caps and spike protection mean the stored events are only part of
 * what was counted. Issues whose count reaches zero are deleted.
 */
export async function forgetUser(db: Database, projectId: number, user: string): Promise<ForgetResult> {
  return db.$transaction(
    async (tx) => {
      const deleted = await tx.$queryRaw<DeletedEvent[]>`
        DELETE FROM event
        WHERE project_id = ${projectId}
          AND (data->'user'->>'id' = ${user} OR data->'user'->>'email' = ${user}
               OR data->'user'->>'username' = ${user} OR data->'user'->>'ip_address' = ${user})
        RETURNING event_id::text, issue_id, date_trunc('hour', timestamp) AS hour, tags, COALESCE(
          'id:' || NULLIF(data->'user'->>'id', ''), 'email:' || NULLIF(data->'user'->>'email', ''),
          'ip:' || NULLIF(data->'user'->>'ip_address', ''), 'username:' || NULLIF(data->'user'->>'username', '')
        ) AS user_key`;
      const eventIds = deleted.map((row) => row.event_id);
      // Keys this user is known by, also on issues whose events were counted but not stored.
      const userKeys = [
        ...new Set([
          ...["id", "email", "username", "ip"].map((field) => `${field}:${user}`),
          ...deleted.flatMap((row) => (row.user_key ? [row.user_key] : [])),
        ]),
      ];
      const deletedFeedback = await tx.$executeRaw`
        DELETE FROM user_feedback
        WHERE project_id = ${projectId} AND (email = ${user} OR event_id::text = ANY(${eventIds}::text[]))`;
      const deletedAttachments =
        eventIds.length === 0
          ? 0
          : await tx.$executeRaw`
              DELETE FROM attachment WHERE project_id = ${projectId} AND event_id::text = ANY(${eventIds}::text[])`;
      // Release health knows users by the SDK's `did`, often their id or email.
      await tx.$executeRaw`DELETE FROM release_session_user WHERE project_id = ${projectId} AND did = ${user}`;
      await subtractEvents(tx, projectId, deleted);
      const touched = await forgetUserKeys(tx, projectId, userKeys);
      const issueIds = [...new Set([...deleted.map((row) => String(row.issue_id)), ...touched])].sort();
      const emptied = await tx.$queryRaw<{ id: bigint }[]>`
        DELETE FROM issue WHERE id = ANY(${issueIds}::bigint[]) AND times_seen <= 0 RETURNING id`;
      return {
        deletedEvents: deleted.length,
        recountedIssues: issueIds.length - emptied.length,
        deletedIssues: emptied.length,
        deletedFeedback,
        deletedAttachments,
      };
    },
    { timeout: 120_000 },
  );
}

/** Takes the deleted events off their issues' counts, hourly rollups and tag values. */
async function subtractEvents(tx: Tx, projectId: number, deleted: DeletedEvent[]): Promise<void> {
  if (deleted.length === 0) return;
  const perIssue = tally(deleted.map((row) => String(row.issue_id)));
  await tx.$executeRaw`
    UPDATE issue AS i SET times_seen = GREATEST(i.times_seen - v.n, 0), stored_events = GREATEST(i.stored_events - v.n, 0)
    FROM unnest(${[...perIssue.keys()]}::bigint[], ${[...perIssue.values()]}::int[]) AS v(id, n)
    WHERE i.id = v.id`;

  const perIssueHour = tally(deleted.map((row) => `${String(row.issue_id)}|${row.hour.toISOString()}`));
  const issueHours = [...perIssueHour.keys()].map((key) => key.split("|") as [string, string]);
  await tx.$executeRaw`
    UPDATE issue_hourly_count AS c SET count = c.count - v.n
    FROM unnest(${issueHours.map(([id]) => id)}::bigint[], ${issueHours.map(([, hour]) => hour)}::timestamptz[],
                ${[...perIssueHour.values()]}::int[]) AS v(issue_id, hour, n)
    WHERE c.issue_id = v.issue_id AND c.hour = v.hour`;
  await tx.$executeRaw`
    DELETE FROM issue_hourly_count WHERE issue_id = ANY(${[...perIssue.keys()]}::bigint[]) AND count <= 0`;

  const perHour = tally(deleted.map((row) => row.hour.toISOString()));
  await tx.$executeRaw`
    UPDATE project_hourly_count AS p SET count = GREATEST(p.count - v.n, 0)
    FROM unnest(${[...perHour.keys()]}::timestamptz[], ${[...perHour.values()]}::int[]) AS v(hour, n)
    WHERE p.project_id = ${projectId} AND p.hour = v.hour`;

  const perTag = tally(
    deleted.flatMap((row) =>
      tagPairs(row.tags).map(([key, value]) => JSON.stringify([String(row.issue_id), key, value])),
    ),
  );
  if (perTag.size === 0) return;
  const tags = [...perTag.keys()].map((key) => JSON.parse(key) as [string, string, string]);
  await tx.$executeRaw`
    UPDATE issue_tag_value AS t SET times_seen = t.times_seen - v.n
    FROM unnest(${tags.map(([id]) => id)}::bigint[], ${tags.map(([, key]) => key)}::text[],
                ${tags.map(([, , value]) => value)}::text[], ${[...perTag.values()]}::int[]) AS v(issue_id, key, value, n)
    WHERE t.issue_id = v.issue_id AND t.key = v.key AND t.value = v.value`;
  await tx.$executeRaw`
    DELETE FROM issue_tag_value WHERE issue_id = ANY(${[...perIssue.keys()]}::bigint[]) AND times_seen <= 0`;
}

/**
 * Forgets the user's identity on every issue of the project: their distinct-user rows (and the
 * issues' user counts) and the `user` tag values that name them. Returns the issues touched.
 */
async function forgetUserKeys(tx: Tx, projectId: number, userKeys: string[]): Promise<string[]> {
  const removed = await tx.$queryRaw<{ issue_id: bigint }[]>`
    DELETE FROM issue_user AS u USING issue AS i
    WHERE u.issue_id = i.id AND i.project_id = ${projectId} AND u.user_key = ANY(${userKeys}::text[])
    RETURNING u.issue_id`;
  const perIssue = tally(removed.map((row) => String(row.issue_id)));
  if (perIssue.size > 0)
    await tx.$executeRaw`
      UPDATE issue AS i SET user_count = GREATEST(i.user_count - v.n, 0)
      FROM unnest(${[...perIssue.keys()]}::bigint[], ${[...perIssue.values()]}::int[]) AS v(id, n)
      WHERE i.id = v.id`;
  await tx.$executeRaw`
    DELETE FROM issue_tag_value AS t USING issue AS i
    WHERE t.issue_id = i.id AND i.project_id = ${projectId} AND t.key = 'user' AND t.value = ANY(${userKeys}::text[])`;
  return [...perIssue.keys()];
}

function tally(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** Stored tags are `[key, value]` pairs. */
function tagPairs(tags: unknown): [string, string][] {
  if (!Array.isArray(tags)) return [];
  return tags.filter(
    (pair): pair is [string, string] =>
      Array.isArray(pair) && typeof pair[0] === "string" && typeof pair[1] === "string",
  );
}
