import type { Database } from "./client";
import { withoutStatementTimeout } from "./long-writes";
import type { StoredEventRow } from "./issue-events.repo";
import { moveRollupsToNewIssue } from "./issue-unmerge-rollups";

/**
 * Merging and unmerging issues (Sentry's merge and unmerge). Both run in one transaction that
 * locks the issues involved in id order first — the worker's batch updates lock issue rows in id
 * order too, so the two never wait on each other in a cycle. An event the worker placed in a child
 * just before the merge committed fails its insert (the child is gone) and is retried: by then
 * the child's hashes lead to the parent.
 */
/**
 * Runs the write again when PostgreSQL chose it as a deadlock's victim: an event insert takes a
 * key-share lock on its issue before the worker locks issues in id order, so a batch in flight
 * can still cross a merge. The worker retries its side the same way.
 */
async function retryOnDeadlock<T>(write: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !isDeadlock(error)) throw error;
    }
  }
}

/** Some of the issues were merged away or deleted while the request waited. */
export class IssueMergeConflict extends Error {
  constructor() {
    super("Some of these issues were just merged or deleted");
    this.name = "IssueMergeConflict";
  }
}

function isDeadlock(error: unknown): boolean {
  const known = error as { code?: unknown; meta?: { code?: unknown } } | null;
  // Prisma reports it as P2034 in interactive transactions, or passes PostgreSQL's 40P01 through.
  return known?.code === "P2034" || known?.meta?.code === "40P01" || /\b40P01\b|deadlock detected/.test(String(error));
}

export function createIssueMergeRepo(db: Database) {
  return {
    /** Moves everything of `childIds` into `parentId` and deletes the children. */
    merge(parentId: bigint, childIds: bigint[], actorId: number | null): Promise<void> {
      const children = childIds.map(String);
      const parent = String(parentId);
      const all = [parent, ...children];
      return retryOnDeadlock(() =>
        withoutStatementTimeout(db, async (tx) => {
          const locked = await tx.$queryRaw<{ id: bigint }[]>`
            SELECT id FROM issue WHERE id = ANY(${all}::bigint[]) ORDER BY id FOR UPDATE`;
          // Another merge (or a deletion) got there first.
          if (locked.length !== all.length) throw new IssueMergeConflict();
          // Old events have no primary_hash: they came under their issue's.
          await tx.$executeRaw`
          UPDATE event e SET issue_id = ${parent}::bigint, primary_hash = COALESCE(e.primary_hash, c.primary_hash)
          FROM issue c WHERE c.id = ANY(${children}::bigint[]) AND e.issue_id = c.id`;
          await tx.$executeRaw`
          UPDATE issue SET stored_events = stored_events +
            (SELECT COALESCE(sum(stored_events), 0)::int FROM issue WHERE id = ANY(${children}::bigint[]))
          WHERE id = ${parent}::bigint`;
          await tx.$executeRaw`UPDATE group_hash SET issue_id = ${parent}::bigint WHERE issue_id = ANY(${children}::bigint[])`;
          await tx.$executeRaw`
          INSERT INTO issue_hourly_count (issue_id, hour, count)
          SELECT ${parent}::bigint, hour, sum(count)::int FROM issue_hourly_count
          WHERE issue_id = ANY(${children}::bigint[]) GROUP BY hour ORDER BY hour
          ON CONFLICT (issue_id, hour) DO UPDATE SET count = issue_hourly_count.count + EXCLUDED.count`;
          await tx.$executeRaw`
          INSERT INTO issue_user (issue_id, user_key, first_seen, last_seen, email, username, ip_address, name)
          SELECT ${parent}::bigint, user_key, min(first_seen), max(last_seen),
            (array_agg(email ORDER BY last_seen DESC) FILTER (WHERE email IS NOT NULL))[1],
            (array_agg(username ORDER BY last_seen DESC) FILTER (WHERE username IS NOT NULL))[1],
            (array_agg(ip_address ORDER BY last_seen DESC) FILTER (WHERE ip_address IS NOT NULL))[1],
            (array_agg(name ORDER BY last_seen DESC) FILTER (WHERE name IS NOT NULL))[1]
          FROM issue_user
          WHERE issue_id = ANY(${children}::bigint[]) GROUP BY user_key ORDER BY user_key
          ON CONFLICT (issue_id, user_key) DO UPDATE SET
            first_seen = LEAST(issue_user.first_seen, EXCLUDED.first_seen),
            last_seen = GREATEST(issue_user.last_seen, EXCLUDED.last_seen),
            email = COALESCE(issue_user.email, EXCLUDED.email),
            username = COALESCE(issue_user.username, EXCLUDED.username),
            ip_address = COALESCE(issue_user.ip_address, EXCLUDED.ip_address),
            name = COALESCE(issue_user.name, EXCLUDED.name)`;
          await tx.$executeRaw`
          INSERT INTO issue_tag_value (issue_id, key, value, times_seen, first_seen, last_seen)
          SELECT ${parent}::bigint, key, value, sum(times_seen)::int, min(first_seen), max(last_seen) FROM issue_tag_value
          WHERE issue_id = ANY(${children}::bigint[]) GROUP BY key, value ORDER BY key, value
          ON CONFLICT (issue_id, key, value) DO UPDATE SET
            times_seen = issue_tag_value.times_seen + EXCLUDED.times_seen,
            first_seen = LEAST(issue_tag_value.first_seen, EXCLUDED.first_seen),
            last_seen = GREATEST(issue_tag_value.last_seen, EXCLUDED.last_seen)`;
          await tx.$executeRaw`UPDATE issue_activity SET issue_id = ${parent}::bigint WHERE issue_id = ANY(${children}::bigint[])`;
          await tx.$executeRaw`UPDATE user_feedback SET issue_id = ${parent}::bigint WHERE issue_id = ANY(${children}::bigint[])`;
          await tx.$executeRaw`UPDATE notification_delivery SET issue_id = ${parent}::bigint WHERE issue_id = ANY(${children}::bigint[])`;
          await tx.$executeRaw`
          UPDATE alert_firing f SET issue_id = ${parent}::bigint
          WHERE f.issue_id = ANY(${children}::bigint[]) AND NOT EXISTS (
            SELECT 1 FROM alert_firing p WHERE p.rule_id = f.rule_id AND p.issue_id = ${parent}::bigint AND p.event_id = f.event_id)`;
          await tx.$executeRaw`
          INSERT INTO issue_bookmark (issue_id, user_id, created_at)
          SELECT ${parent}::bigint, user_id, min(created_at) FROM issue_bookmark
          WHERE issue_id = ANY(${children}::bigint[]) GROUP BY user_id
          ON CONFLICT DO NOTHING`;
          // The parent's own choice wins; otherwise the newest explicit choice of the children.
          await tx.$executeRaw`
          INSERT INTO issue_subscription (issue_id, user_id, is_active, created_at)
          SELECT DISTINCT ON (user_id) ${parent}::bigint, user_id, is_active, created_at FROM issue_subscription
          WHERE issue_id = ANY(${children}::bigint[]) ORDER BY user_id, created_at DESC
          ON CONFLICT DO NOTHING`;
          await tx.$executeRaw`
          UPDATE issue p SET
            times_seen = p.times_seen + c.times_seen,
            first_seen = LEAST(p.first_seen, c.first_seen),
            last_seen = GREATEST(p.last_seen, c.last_seen),
            first_release = COALESCE(p.first_release, c.first_release),
            last_release = CASE WHEN c.last_seen > p.last_seen THEN COALESCE(c.last_release, p.last_release) ELSE p.last_release END,
            user_count = (SELECT count(*) FROM issue_user u WHERE u.issue_id = p.id)
          FROM (
            SELECT sum(times_seen)::int AS times_seen, min(first_seen) AS first_seen, max(last_seen) AS last_seen,
                   (array_agg(first_release ORDER BY first_seen) FILTER (WHERE first_release IS NOT NULL))[1] AS first_release,
                   (array_agg(last_release ORDER BY last_seen DESC) FILTER (WHERE last_release IS NOT NULL))[1] AS last_release
            FROM issue WHERE id = ANY(${children}::bigint[])
          ) c
          WHERE p.id = ${parent}::bigint`;
          const merged = await tx.$queryRaw<{ id: bigint; short_id: number }[]>`
          DELETE FROM issue WHERE id = ANY(${children}::bigint[]) RETURNING id, short_id`;
          await tx.issueActivity.create({
            data: {
              issueId: parentId,
              userId: actorId,
              type: "merge",
              data: { issues: merged.map((row) => ({ id: String(row.id), shortId: row.short_id })) },
            },
          });
        }),
      );
    },

    /**
     * Moves the events that came under `hashes` (and the hashes themselves) from the issue into a
     * new issue of the same project, numbered by the project's counter. Returns the new issue's id.
     */
    unmerge(issueId: bigint, projectId: number, hashes: string[], actorId: number | null): Promise<bigint> {
      const source = String(issueId);
      return retryOnDeadlock(() =>
        withoutStatementTimeout(db, async (tx) => {
          // Project row before issue row: the worker takes them in that order when it creates an issue.
          await tx.$queryRaw`SELECT id FROM project WHERE id = ${projectId} FOR UPDATE`;
          await tx.$queryRaw`SELECT id FROM issue WHERE id = ${source}::bigint FOR UPDATE`;
          const [created] = await tx.$queryRaw<{ id: bigint }[]>`
          WITH numbered AS (
            UPDATE project SET last_short_id = last_short_id + 1 WHERE id = ${projectId} RETURNING last_short_id
          ), latest AS (
            SELECT e.title, e.level, e.data->>'culprit' AS culprit, (e.data->'metadata')::jsonb AS metadata
            FROM event e JOIN issue i ON i.id = e.issue_id
            WHERE e.issue_id = ${source}::bigint AND COALESCE(e.primary_hash, i.primary_hash) = ANY(${hashes}::text[])
            ORDER BY e.timestamp DESC LIMIT 1
          )
          INSERT INTO issue (project_id, short_id, primary_hash, title, culprit, level, type, metadata,
                             first_seen, last_seen, times_seen, status)
          SELECT i.project_id, numbered.last_short_id, ${hashes[0]}, COALESCE(NULLIF(latest.title, ''), i.title),
                 COALESCE(latest.culprit, i.culprit), COALESCE(latest.level, i.level), i.type,
                 COALESCE(latest.metadata, i.metadata), i.first_seen, i.last_seen, 0, 'unresolved'
          FROM issue i CROSS JOIN numbered LEFT JOIN latest ON true
          WHERE i.id = ${source}::bigint
          RETURNING id`;
          if (!created) throw new Error("unmerge: issue insert returned no row");
          const target = String(created.id);
          const moved = await tx.$executeRaw`
          UPDATE event e SET issue_id = ${target}::bigint, primary_hash = COALESCE(e.primary_hash, i.primary_hash)
          FROM issue i
          WHERE i.id = ${source}::bigint AND e.issue_id = i.id
            AND COALESCE(e.primary_hash, i.primary_hash) = ANY(${hashes}::text[])`;
          await tx.$executeRaw`
          UPDATE issue SET stored_events = CASE WHEN id = ${target}::bigint THEN ${moved} ELSE GREATEST(stored_events - ${moved}, 0) END
          WHERE id IN (${target}::bigint, ${source}::bigint)`;
          await tx.$executeRaw`
          UPDATE group_hash SET issue_id = ${target}::bigint
          WHERE issue_id = ${source}::bigint AND hash = ANY(${hashes}::text[])`;
          // The source keeps a hash it still owns as its primary one.
          await tx.$executeRaw`
          UPDATE issue i SET primary_hash = (SELECT hash FROM group_hash WHERE issue_id = i.id ORDER BY id LIMIT 1)
          WHERE i.id = ${source}::bigint AND i.primary_hash = ANY(${hashes}::text[])`;
          await moveRollupsToNewIssue(tx, created.id, issueId);
          await tx.issueActivity.createMany({
            data: [
              {
                issueId,
                userId: actorId,
                type: "unmerge_source",
                data: { destination_id: target, fingerprints: hashes },
              },
              {
                issueId: created.id,
                userId: actorId,
                type: "unmerge_destination",
                data: { source_id: source, fingerprints: hashes },
              },
            ],
          });
          return created.id;
        }),
      );
    },

    /**
     * The issue's hashes that events came under (as Sentry lists them: secondary grouping variants
     * that no event was filed by stay out), each with its newest event and event count, newest first.
     */
    async hashesWithLatestEvent(
      issueId: bigint,
    ): Promise<{ hash: string; events: number; latest: StoredEventRow | null }[]> {
      const rows = await db.$queryRaw<
        { hash: string; latest_id: bigint | null; latest_timestamp: Date | null; events: number }[]
      >`
        SELECT g.hash, latest.id AS latest_id, latest.timestamp AS latest_timestamp, COALESCE(counts.n, 0)::int AS events
        FROM group_hash g
        JOIN issue i ON i.id = g.issue_id
        LEFT JOIN LATERAL (
          SELECT e.id, e.timestamp FROM event e
          WHERE e.issue_id = g.issue_id AND COALESCE(e.primary_hash, i.primary_hash) = g.hash
          ORDER BY e.timestamp DESC, e.id DESC LIMIT 1
        ) latest ON true
        LEFT JOIN LATERAL (
          SELECT count(*) AS n FROM event e
          WHERE e.issue_id = g.issue_id AND COALESCE(e.primary_hash, i.primary_hash) = g.hash
        ) counts ON true
        WHERE g.issue_id = ${String(issueId)}::bigint AND latest.id IS NOT NULL
        ORDER BY latest.timestamp DESC, g.id`;
      const ids = rows.flatMap((row) => (row.latest_id === null ? [] : [String(row.latest_id)]));
      // With their timestamps, only the partitions holding them are read.
      const timestamps = rows.flatMap((row) => (row.latest_timestamp === null ? [] : [row.latest_timestamp]));
      const events = ids.length
        ? await db.$queryRaw<StoredEventRow[]>`
            SELECT e.id, e.project_id, e.issue_id, e.event_id::text AS event_id, e.timestamp, e.received_at,
                   e.level, e.platform, e.release, e.environment, e.message, e.title, e.tags, e.data
            FROM event e WHERE e.id = ANY(${ids}::bigint[]) AND e.timestamp = ANY(${timestamps}::timestamptz[])`
        : [];
      const byId = new Map(events.map((event) => [String(event.id), event]));
      return rows.map((row) => ({
        hash: row.hash,
        events: row.events,
        latest: row.latest_id === null ? null : (byId.get(String(row.latest_id)) ?? null),
      }));
    },
  };
}

export type IssueMergeRepo = ReturnType<typeof createIssueMergeRepo>;
