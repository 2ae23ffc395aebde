-- AlterTable
ALTER TABLE "project" ADD COLUMN     "event_retention_days" INTEGER,
ADD COLUMN     "max_events_per_issue" INTEGER;
