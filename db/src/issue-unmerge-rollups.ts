import type { Tx } from "./tx";

/**
 * After an unmerge moved events from `sourceId` to the new issue `targetId`: gives the new issue
 * the counts of its events, and takes the same amounts off the source. The source's figures are
 * reduced rather than recounted because they also include events it counted without storing
 * (spike protection, the per-issue event cap, retention). Users come from the events' `user` tag,
 * which holds the same key (id:, email:, ip:) the worker counts users by.
 */
export async function moveRollupsToNewIssue(tx: Tx, targetId: bigint, sourceId: bigint): Promise<void> {
  const target = String(targetId);
  const source = String(sourceId);
  await tx.$executeRaw`
    INSERT INTO issue_hourly_count (issue_id, hour, count)
    SELECT ${target}::bigint, date_trunc('hour', timestamp), count(*)::int FROM event
    WHERE issue_id = ${target}::bigint GROUP BY 2`;
  await tx.$executeRaw`
    UPDATE issue_hourly_count h SET count = h.count - m.count
    FROM issue_hourly_count m WHERE m.issue_id = ${target}::bigint AND h.issue_id = ${source}::bigint AND h.hour = m.hour`;
  await tx.$executeRaw`DELETE FROM issue_hourly_count WHERE issue_id = ${source}::bigint AND count <= 0`;

  await tx.$executeRaw`
    INSERT INTO issue_tag_value (issue_id, key, value, times_seen, first_seen, last_seen)
    SELECT ${target}::bigint, t->>0, t->>1, count(*)::int, min(e.timestamp), max(e.timestamp)
    FROM event e CROSS JOIN LATERAL jsonb_array_elements(e.tags) AS t
    WHERE e.issue_id = ${target}::bigint AND jsonb_typeof(e.tags) = 'array'
      AND t->>0 IS NOT NULL AND t->>1 IS NOT NULL
    GROUP BY 2, 3
    ON CONFLICT (issue_id, key, value) DO NOTHING`;
  await tx.$executeRaw`
    UPDATE issue_tag_value s SET times_seen = s.times_seen - m.times_seen
    FROM issue_tag_value m
    WHERE m.issue_id = ${target}::bigint AND s.issue_id = ${source}::bigint AND s.key = m.key AND s.value = m.value`;
  await tx.$executeRaw`DELETE FROM issue_tag_value WHERE issue_id = ${source}::bigint AND times_seen <= 0`;

  await tx.$executeRaw`
    INSERT INTO issue_user (issue_id, user_key, first_seen, last_seen, email, username, ip_address, name)
    SELECT ${target}::bigint, t.value, t.first_seen, t.last_seen, s.email, s.username, s.ip_address, s.name
    FROM issue_tag_value t
    LEFT JOIN issue_user s ON s.issue_id = ${source}::bigint AND s.user_key = t.value
    WHERE t.issue_id = ${target}::bigint AND t.key = 'user'
    ON CONFLICT (issue_id, user_key) DO NOTHING`;
  // A user leaves the source only when none of its remaining events has them.
  await tx.$executeRaw`
    DELETE FROM issue_user u
    WHERE u.issue_id = ${source}::bigint
      AND EXISTS (SELECT 1 FROM issue_user m WHERE m.issue_id = ${target}::bigint AND m.user_key = u.user_key)
      AND NOT EXISTS (SELECT 1 FROM issue_tag_value s WHERE s.issue_id = ${source}::bigint AND s.key = 'user' AND s.value = u.user_key)`;

  await tx.$executeRaw`
    UPDATE issue i SET
      times_seen = m.n, first_seen = COALESCE(m.first, i.first_seen), last_seen = COALESCE(m.last, i.last_seen),
      first_release = m.first_release, last_release = m.last_release,
      user_count = (SELECT count(*) FROM issue_user u WHERE u.issue_id = i.id)
    FROM (
      SELECT count(*)::int AS n, min(timestamp) AS first, max(timestamp) AS last,
             (array_agg(release ORDER BY timestamp) FILTER (WHERE release IS NOT NULL))[1] AS first_release,
             (array_agg(release ORDER BY timestamp DESC) FILTER (WHERE release IS NOT NULL))[1] AS last_release
      FROM event WHERE issue_id = ${target}::bigint
    ) m
    WHERE i.id = ${target}::bigint`;
  await tx.$executeRaw`
    UPDATE issue i SET
      times_seen = GREATEST(i.times_seen - t.times_seen, 0),
      first_seen = COALESCE(r.first, i.first_seen), last_seen = COALESCE(r.last, i.last_seen),
      user_count = (SELECT count(*) FROM issue_user u WHERE u.issue_id = i.id)
    FROM issue t,
         (SELECT min(timestamp) AS first, max(timestamp) AS last FROM event WHERE issue_id = ${source}::bigint) r
    WHERE i.id = ${source}::bigint AND t.id = ${target}::bigint`;
}
