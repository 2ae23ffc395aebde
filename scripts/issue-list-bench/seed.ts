import type { Client } from "pg";

/**
 * Loads `issues` issues and `events` events into an empty, migrated database with SQL
 * (generate_series): skewed like real traffic (a few issues get most events), tags on every
 * event, then the rollups the worker would have written (issue counters, tag values, users,
 * hourly counts) computed from the events.
 */
export async function seed(pg: Client, issues: number, events: number, log: (line: string) => void): Promise<number> {
  const step = async (what: string, sql: string) => {
    const started = Date.now();
    await pg.query(sql);
    log(`  ${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  // Big sorts and aggregates in memory where possible, no waiting on each commit's flush.
  await pg.query("SET work_mem = '256MB'");
  await pg.query("SET maintenance_work_mem = '512MB'");
  await pg.query("SET synchronous_commit = off");
  const { rows } = await pg.query<{ id: number }>(
    `WITH org AS (INSERT INTO organization (slug, name) VALUES ('bench', 'Bench') RETURNING id)
     INSERT INTO project (organization_id, slug, name, platform, last_short_id)
     SELECT id, 'app', 'App', 'node', ${issues} FROM org RETURNING id`,
  );
  const projectId = rows[0]!.id;
  await step(
    `${issues} issues`,
    `INSERT INTO issue (project_id, short_id, primary_hash, title, culprit, level, type, metadata, status, first_seen, last_seen, times_seen)
     SELECT ${projectId}, n, md5(n::text),
            (ARRAY['TypeError','RangeError','Error','SyntaxError'])[1 + n % 4] || ': failure ' || n || ' in ' || (ARRAY['checkout','cart','search','login','profile'])[1 + n % 5],
            'app/module' || (n % 200) || '.js in handler' || (n % 37),
            CASE WHEN n % 20 = 0 THEN 'fatal' WHEN n % 5 = 0 THEN 'warning' WHEN n % 19 = 0 THEN 'info' ELSE 'error' END,
            'error', '{}'::jsonb,
            (CASE WHEN n % 7 = 0 THEN 'resolved' WHEN n % 23 = 0 THEN 'ignored' ELSE 'unresolved' END)::issue_status,
            now(), now(), 0
     FROM generate_series(1, ${issues}) AS n`,
  );
  // The worker makes partitions a week ahead and a few days back; the seed's 14 days need theirs.
  await step(
    "daily partitions",
    `SELECT event_partition_create(d::date)
     FROM generate_series(now() - interval '15 days', now() + interval '7 days', interval '1 day') AS d`,
  );
  // Issue k gets events with probability ~ 1/k^0.8 (Zipf-like), every issue at least one.
  await step(
    `${events} events`,
    `INSERT INTO event (project_id, issue_id, event_id, timestamp, received_at, level, platform, release, environment, message, title, tags, data)
     SELECT ${projectId}, i.id, md5(n::text || 'e')::uuid, ts, ts, i.level, 'node', rel, env, '', i.title,
            jsonb_build_array(jsonb_build_array('level', i.level), jsonb_build_array('environment', env),
              jsonb_build_array('release', rel), jsonb_build_array('browser', br), jsonb_build_array('user', 'id:user-' || u)),
            json_build_object('event_id', md5(n::text || 'e'), 'level', i.level, 'platform', 'node', 'title', i.title,
              'exception', json_build_object('values', json_build_array(json_build_object('type', 'TypeError', 'value', i.title))),
              'user', json_build_object('id', 'user-' || u))
     FROM (
       SELECT n,
              CASE WHEN n <= ${issues} THEN n ELSE 1 + floor(${issues} * power(random(), 2.5))::int END AS issue_n,
              now() - random() * interval '14 days' AS ts,
              CASE WHEN random() < 0.8 THEN 'production' ELSE 'staging' END AS env,
              'app@1.0.' || floor(random() * 20)::int AS rel,
              (ARRAY['Chrome 120','Firefox 121','Safari 17','Edge 120'])[1 + floor(random() * 4)::int] AS br,
              floor(random() * 50000)::int AS u
       FROM generate_series(1, ${events}) AS n) AS e
     JOIN issue i ON i.project_id = ${projectId} AND i.primary_hash = md5(e.issue_n::text)`,
  );
  await step(
    "issue counters",
    `UPDATE issue i SET times_seen = s.n, stored_events = s.n, first_seen = s.first, last_seen = s.last,
            first_release = 'app@1.0.0', last_release = 'app@1.0.19'
     FROM (SELECT issue_id, count(*) AS n, min(timestamp) AS first, max(timestamp) AS last FROM event GROUP BY issue_id) s
     WHERE i.id = s.issue_id`,
  );
  await step(
    "issue_tag_value",
    `INSERT INTO issue_tag_value (issue_id, key, value, times_seen, first_seen, last_seen)
     SELECT issue_id, t->>0, t->>1, count(*), min(timestamp), max(timestamp)
     FROM event, jsonb_array_elements(tags) AS t GROUP BY 1, 2, 3`,
  );
  await step(
    "issue_user",
    `INSERT INTO issue_user (issue_id, user_key, first_seen, last_seen)
     SELECT issue_id, 'id:' || (data->'user'->>'id'), min(timestamp), max(timestamp) FROM event GROUP BY 1, 2`,
  );
  await step(
    "user counts",
    `UPDATE issue i SET user_count = s.n FROM (SELECT issue_id, count(*) AS n FROM issue_user GROUP BY 1) s WHERE i.id = s.issue_id`,
  );
  await step(
    "hourly counts",
    `INSERT INTO issue_hourly_count (issue_id, hour, count)
     SELECT issue_id, date_trunc('hour', timestamp), count(*) FROM event GROUP BY 1, 2;
     INSERT INTO project_hourly_count (project_id, hour, count)
     SELECT project_id, date_trunc('hour', timestamp), count(*) FROM event GROUP BY 1, 2`,
  );
  await step("analyze", "ANALYZE");
  return projectId;
}
