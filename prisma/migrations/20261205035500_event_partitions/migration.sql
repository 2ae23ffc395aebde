-- Events partitioned by day on their timestamp, so retention drops whole days instead of
-- deleting rows (no table scans, no bloat). Prisma's schema cannot say PARTITION BY: the table is
-- made here by hand, with the same columns, keys and index names Prisma expects, so later
-- `migrate diff` runs (schema to schema) see nothing to change.
--
-- An existing install is converted in place: the old table is renamed, the partitioned one made,
-- the rows copied in one INSERT ... SELECT, then indexes and keys built on the copied data (faster
-- than maintaining them row by row) and the old table dropped. Stop the server and workers first;
-- docs/operations.md says how long it takes per million events.
--
-- The function bodies below are U&'' strings with \003B for each semicolon: Prisma's migration
-- runner cuts a script at every semicolon, quoted or not.

-- AlterTable: how many events each issue has stored (the per-issue cap reads it).
ALTER TABLE "issue" ADD COLUMN "stored_events" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "event" RENAME TO "event_unpartitioned";
ALTER TABLE "event_unpartitioned" RENAME CONSTRAINT "event_pkey" TO "event_unpartitioned_pkey";
ALTER TABLE "event_unpartitioned" RENAME CONSTRAINT "event_project_id_fkey" TO "event_unpartitioned_project_id_fkey";
ALTER TABLE "event_unpartitioned" RENAME CONSTRAINT "event_issue_id_fkey" TO "event_unpartitioned_issue_id_fkey";
ALTER INDEX "event_project_id_event_id_key" RENAME TO "event_unpartitioned_project_id_event_id_key";
ALTER INDEX "event_issue_id_timestamp_idx" RENAME TO "event_unpartitioned_issue_id_timestamp_idx";
ALTER INDEX "event_project_id_timestamp_idx" RENAME TO "event_unpartitioned_project_id_timestamp_idx";

-- Same columns in the same order, defaults (the id sequence) and lz4 compression of payloads.
CREATE TABLE "event" (LIKE "event_unpartitioned" INCLUDING DEFAULTS INCLUDING STORAGE INCLUDING COMPRESSION)
  PARTITION BY RANGE ("timestamp");
ALTER SEQUENCE "event_id_seq" OWNED BY "event"."id";

-- Events whose day has no partition (far in the past or future) land here, so an insert never
-- fails for a missing partition. Making a day's partition moves that day's rows out of it.
CREATE TABLE "event_default" PARTITION OF "event" DEFAULT;

-- Makes the partition of one UTC day (event_pYYYYMMDD) unless it exists (true when it made it).
-- The table is filled (from the default partition) and checked before it is attached, so attaching
-- neither scans it again nor blocks inserts into other days.
CREATE FUNCTION "event_partition_create"(day date) RETURNS boolean LANGUAGE plpgsql AS U&'
DECLARE
  part text := ''event_p'' || to_char(day, ''YYYYMMDD'')\003B
  lo timestamptz := day::timestamp AT TIME ZONE ''UTC''\003B
  hi timestamptz := (day + 1)::timestamp AT TIME ZONE ''UTC''\003B
BEGIN
  IF to_regclass(format(''%I'', part)) IS NOT NULL THEN
    RETURN false\003B
  END IF\003B
  EXECUTE format(''CREATE TABLE %I (LIKE "event" INCLUDING DEFAULTS INCLUDING STORAGE INCLUDING COMPRESSION)'', part)\003B
  EXECUTE format(''ALTER TABLE %I ADD CONSTRAINT %I CHECK ("timestamp" >= %L AND "timestamp" < %L)'', part, part || ''_range'', lo, hi)\003B
  EXECUTE format(''WITH moved AS (DELETE FROM "event_default" WHERE "timestamp" >= %L AND "timestamp" < %L RETURNING *) INSERT INTO %I SELECT * FROM moved'', lo, hi, part)\003B
  EXECUTE format(''ALTER TABLE "event" ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)'', part, lo, hi)\003B
  EXECUTE format(''ALTER TABLE %I DROP CONSTRAINT %I'', part, part || ''_range'')\003B
  RETURN true\003B
END
';

-- The days the copied events fall on (within the last 400 days: older ones go to the default
-- partition), and the coming week. The worker makes the following days as they come.
SELECT "event_partition_create"(d::date)
FROM (
  SELECT DISTINCT date_trunc('day', "timestamp" AT TIME ZONE 'UTC') AS d FROM "event_unpartitioned"
  WHERE "timestamp" >= now() - interval '400 days' AND "timestamp" < now() + interval '8 days'
  UNION
  SELECT generate_series(date_trunc('day', now() AT TIME ZONE 'UTC') - interval '1 day',
                         date_trunc('day', now() AT TIME ZONE 'UTC') + interval '7 days', interval '1 day')
) days ORDER BY d;

INSERT INTO "event" SELECT * FROM "event_unpartitioned";

UPDATE "issue" i SET "stored_events" = c.n
FROM (SELECT "issue_id", count(*)::int AS n FROM "event_unpartitioned" GROUP BY "issue_id") c
WHERE i."id" = c."issue_id";

DROP TABLE "event_unpartitioned";

-- Keys and indexes, built once on the copied rows (each partition gets its own).
ALTER TABLE "event" ADD CONSTRAINT "event_pkey" PRIMARY KEY ("id", "timestamp");
CREATE UNIQUE INDEX "event_project_id_event_id_timestamp_key" ON "event"("project_id", "event_id", "timestamp");
CREATE INDEX "event_issue_id_timestamp_idx" ON "event"("issue_id", "timestamp" DESC);
CREATE INDEX "event_project_id_timestamp_idx" ON "event"("project_id", "timestamp" DESC);
ALTER TABLE "event" ADD CONSTRAINT "event_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "event" ADD CONSTRAINT "event_issue_id_fkey" FOREIGN KEY ("issue_id") REFERENCES "issue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ANALYZE "event";
