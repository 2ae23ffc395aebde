-- AlterTable
ALTER TABLE "project_key" ADD COLUMN     "dsn_project_id" BIGINT,
ADD COLUMN     "secret_key" TEXT;

-- CreateTable
CREATE TABLE "project_dsn_id" (
    "id" BIGINT NOT NULL,
    "project_id" INTEGER NOT NULL,

    CONSTRAINT "project_dsn_id_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "project_dsn_id_project_id_idx" ON "project_dsn_id"("project_id");

-- AddForeignKey
ALTER TABLE "project_dsn_id" ADD CONSTRAINT "project_dsn_id_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Each project's own id is one of its DSN ids.
INSERT INTO "project_dsn_id" ("id", "project_id") SELECT "id", "id" FROM "project";

-- The function bodies below are U&'' strings with \003B for each semicolon: Prisma's migration
-- runner cuts a script at every semicolon, quoted or not.

-- A new project never takes an id that a DSN adopted from another install already carries: its id
-- skips to the next value of the sequence, so ingest can never confuse the two projects.
CREATE FUNCTION "project_skip_adopted_dsn_ids"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
  WHILE EXISTS (SELECT 1 FROM "project_dsn_id" WHERE "id" = NEW."id") LOOP
    NEW."id" := nextval(pg_get_serial_sequence(''"project"'', ''id''))\003B
  END LOOP\003B
  RETURN NEW\003B
END
';
CREATE TRIGGER "project_skip_adopted_dsn_ids" BEFORE INSERT ON "project"
  FOR EACH ROW EXECUTE FUNCTION "project_skip_adopted_dsn_ids"();

-- ...and claims its own id in the namespace (a concurrent adoption of the same id then fails on the key).
CREATE FUNCTION "project_claim_own_dsn_id"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
  INSERT INTO "project_dsn_id" ("id", "project_id") VALUES (NEW."id", NEW."id")\003B
  RETURN NULL\003B
END
';
CREATE TRIGGER "project_claim_own_dsn_id" AFTER INSERT ON "project"
  FOR EACH ROW EXECUTE FUNCTION "project_claim_own_dsn_id"();
