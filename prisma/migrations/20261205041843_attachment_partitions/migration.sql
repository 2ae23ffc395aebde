-- Attachments partitioned by day on created_at, as events are by timestamp (see the
-- event_partitions migration, which this one follows step by step): retention drops whole days of
-- them instead of deleting rows of large blobs one by one.
--
-- The function body below is a U&'' string with \003B for each semicolon: Prisma's migration
-- runner cuts a script at every semicolon, quoted or not.

ALTER TABLE "attachment" RENAME TO "attachment_unpartitioned";
ALTER TABLE "attachment_unpartitioned" RENAME CONSTRAINT "attachment_pkey" TO "attachment_unpartitioned_pkey";
ALTER INDEX "attachment_project_id_event_id_filename_sha1_key" RENAME TO "attachment_unpartitioned_project_id_event_id_filename_sha1_key";

CREATE TABLE "attachment" (LIKE "attachment_unpartitioned" INCLUDING DEFAULTS INCLUDING STORAGE INCLUDING COMPRESSION)
  PARTITION BY RANGE ("created_at");
ALTER SEQUENCE "attachment_id_seq" OWNED BY "attachment"."id";

CREATE TABLE "attachment_default" PARTITION OF "attachment" DEFAULT;

-- Makes the partition of one UTC day (attachment_pYYYYMMDD) unless it exists (true when it made it).
CREATE FUNCTION "attachment_partition_create"(day date) RETURNS boolean LANGUAGE plpgsql AS U&'
DECLARE
  part text := ''attachment_p'' || to_char(day, ''YYYYMMDD'')\003B
  lo timestamptz := day::timestamp AT TIME ZONE ''UTC''\003B
  hi timestamptz := (day + 1)::timestamp AT TIME ZONE ''UTC''\003B
BEGIN
  IF to_regclass(format(''%I'', part)) IS NOT NULL THEN
    RETURN false\003B
  END IF\003B
  EXECUTE format(''CREATE TABLE %I (LIKE "attachment" INCLUDING DEFAULTS INCLUDING STORAGE INCLUDING COMPRESSION)'', part)\003B
  EXECUTE format(''ALTER TABLE %I ADD CONSTRAINT %I CHECK ("created_at" >= %L AND "created_at" < %L)'', part, part || ''_range'', lo, hi)\003B
  EXECUTE format(''WITH moved AS (DELETE FROM "attachment_default" WHERE "created_at" >= %L AND "created_at" < %L RETURNING *) INSERT INTO %I SELECT * FROM moved'', lo, hi, part)\003B
  EXECUTE format(''ALTER TABLE "attachment" ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)'', part, lo, hi)\003B
  EXECUTE format(''ALTER TABLE %I DROP CONSTRAINT %I'', part, part || ''_range'')\003B
  RETURN true\003B
END
';

SELECT "attachment_partition_create"(d::date)
FROM (
  SELECT DISTINCT date_trunc('day', "created_at" AT TIME ZONE 'UTC') AS d FROM "attachment_unpartitioned"
  WHERE "created_at" >= now() - interval '400 days' AND "created_at" < now() + interval '8 days'
  UNION
  SELECT generate_series(date_trunc('day', now() AT TIME ZONE 'UTC') - interval '1 day',
                         date_trunc('day', now() AT TIME ZONE 'UTC') + interval '7 days', interval '1 day')
) days ORDER BY d;

INSERT INTO "attachment" SELECT * FROM "attachment_unpartitioned";

DROP TABLE "attachment_unpartitioned";

ALTER TABLE "attachment" ADD CONSTRAINT "attachment_pkey" PRIMARY KEY ("id", "created_at");
CREATE UNIQUE INDEX "attachment_project_id_event_id_filename_sha1_created_at_key" ON "attachment"("project_id", "event_id", "filename", "sha1", "created_at");

ANALYZE "attachment";
