-- AlterTable
ALTER TABLE "project" ADD COLUMN     "first_event" TIMESTAMPTZ(3),
ADD COLUMN     "has_minified_stack_trace" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "project_platform" (
    "project_id" INTEGER NOT NULL,
    "platform" TEXT NOT NULL,
    "first_seen" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "project_platform_pkey" PRIMARY KEY ("project_id","platform")
);

-- AddForeignKey
ALTER TABLE "project_platform" ADD CONSTRAINT "project_platform_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Projects that already have events: their first event is their oldest issue's first sighting
-- (the issue index answers this without reading events). Platforms fill in as events arrive.
UPDATE "project" p SET "first_event" = (SELECT min(i."first_seen") FROM "issue" i WHERE i."project_id" = p."id");
