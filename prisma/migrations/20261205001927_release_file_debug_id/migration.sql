-- AlterTable
ALTER TABLE "release_file" ADD COLUMN     "debug_id" TEXT;

-- CreateIndex
CREATE INDEX "release_file_organization_id_debug_id_idx" ON "release_file"("organization_id", "debug_id");

-- Release files uploaded before: their `debug-id` header, in the dashed lowercase form.
UPDATE "release_file"
SET "debug_id" = regexp_replace(
  lower(replace(btrim("headers"->>'debug-id'), '-', '')),
  '^([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})$',
  '\1-\2-\3-\4-\5')
WHERE btrim("headers"->>'debug-id') ~* '^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$';
