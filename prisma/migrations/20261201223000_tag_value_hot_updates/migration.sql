-- Every stored event bumps times_seen on several of these rows. Without an index on that
-- column, and with room left on each page, PostgreSQL updates them in place (HOT updates)
-- instead of adding an entry to every index for each new row version.
DROP INDEX "issue_tag_value_issue_id_key_times_seen_idx";
ALTER TABLE "issue_tag_value" SET (fillfactor = 70);
