-- Which grouping hash each event came under (merge/unmerge). Nullable without a default: adding
-- it rewrites nothing, and older events fall back to their issue's primary_hash.
ALTER TABLE "event" ADD COLUMN "primary_hash" TEXT;
