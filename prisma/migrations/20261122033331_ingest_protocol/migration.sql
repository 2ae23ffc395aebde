-- AlterTable
ALTER TABLE "project" ADD COLUMN     "event_quota" INTEGER,
ADD COLUMN     "event_quota_window_seconds" INTEGER;

-- AlterTable
ALTER TABLE "project_key" ADD COLUMN     "rate_limit_count" INTEGER,
ADD COLUMN     "rate_limit_window_seconds" INTEGER;

-- CreateTable
CREATE TABLE "outcome" (
    "project_id" INTEGER NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "outcome" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "quantity" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "outcome_pkey" PRIMARY KEY ("project_id","hour","outcome","category","reason")
);

-- CreateTable
CREATE TABLE "attachment" (
    "id" BIGSERIAL NOT NULL,
    "project_id" INTEGER NOT NULL,
    "event_id" UUID NOT NULL,
    "filename" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "attachment_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha1" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session_stat" (
    "project_id" INTEGER NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "release" TEXT NOT NULL,
    "environment" TEXT NOT NULL DEFAULT '',
    "total" INTEGER NOT NULL DEFAULT 0,
    "errored" INTEGER NOT NULL DEFAULT 0,
    "crashed" INTEGER NOT NULL DEFAULT 0,
    "abnormal" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "session_stat_pkey" PRIMARY KEY ("project_id","bucket","release","environment")
);

-- CreateTable
CREATE TABLE "user_feedback" (
    "id" BIGSERIAL NOT NULL,
    "project_id" INTEGER NOT NULL,
    "feedback_id" UUID NOT NULL,
    "event_id" UUID,
    "issue_id" BIGINT,
    "name" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "comments" TEXT NOT NULL DEFAULT '',
    "url" TEXT,
    "source" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_feedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "monitor_check_in" (
    "id" BIGSERIAL NOT NULL,
    "project_id" INTEGER NOT NULL,
    "monitor_slug" TEXT NOT NULL,
    "check_in_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "duration" DOUBLE PRECISION,
    "release" TEXT,
    "environment" TEXT,
    "monitor_config" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "monitor_check_in_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "attachment_project_id_event_id_filename_sha1_key" ON "attachment"("project_id", "event_id", "filename", "sha1");

-- CreateIndex
CREATE INDEX "user_feedback_project_id_event_id_idx" ON "user_feedback"("project_id", "event_id");

-- CreateIndex
CREATE INDEX "user_feedback_issue_id_idx" ON "user_feedback"("issue_id");

-- CreateIndex
CREATE UNIQUE INDEX "user_feedback_project_id_feedback_id_key" ON "user_feedback"("project_id", "feedback_id");

-- CreateIndex
CREATE INDEX "monitor_check_in_project_id_monitor_slug_created_at_idx" ON "monitor_check_in"("project_id", "monitor_slug", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "monitor_check_in_project_id_check_in_id_key" ON "monitor_check_in"("project_id", "check_in_id");
