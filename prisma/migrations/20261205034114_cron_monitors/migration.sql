-- AlterTable
ALTER TABLE "monitor_check_in" ADD COLUMN     "expected_time" TIMESTAMPTZ(3),
ADD COLUMN     "monitor_environment_id" BIGINT,
ADD COLUMN     "monitor_id" BIGINT,
ADD COLUMN     "timeout_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "monitor" (
    "id" BIGSERIAL NOT NULL,
    "guid" UUID NOT NULL DEFAULT gen_random_uuid(),
    "project_id" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "schedule_type" TEXT NOT NULL,
    "schedule" TEXT NOT NULL,
    "schedule_unit" TEXT,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "checkin_margin" INTEGER,
    "max_runtime" INTEGER,
    "failure_issue_threshold" INTEGER,
    "recovery_threshold" INTEGER,
    "is_muted" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "monitor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "monitor_environment" (
    "id" BIGSERIAL NOT NULL,
    "monitor_id" BIGINT NOT NULL,
    "environment" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "last_check_in" TIMESTAMPTZ(3),
    "next_check_in" TIMESTAMPTZ(3),
    "next_check_in_latest" TIMESTAMPTZ(3),
    "failure_count" INTEGER NOT NULL DEFAULT 0,
    "ok_count" INTEGER NOT NULL DEFAULT 0,
    "open_issue_id" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "monitor_environment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "monitor_project_id_slug_key" ON "monitor"("project_id", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "monitor_guid_key" ON "monitor"("guid");

-- CreateIndex
CREATE INDEX "monitor_environment_next_check_in_latest_idx" ON "monitor_environment"("next_check_in_latest");

-- CreateIndex
CREATE UNIQUE INDEX "monitor_environment_monitor_id_environment_key" ON "monitor_environment"("monitor_id", "environment");

-- CreateIndex
CREATE INDEX "monitor_check_in_monitor_id_created_at_idx" ON "monitor_check_in"("monitor_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "monitor_check_in_timeout_at_idx" ON "monitor_check_in"("timeout_at");

-- AddForeignKey
ALTER TABLE "monitor" ADD CONSTRAINT "monitor_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "monitor_environment" ADD CONSTRAINT "monitor_environment_monitor_id_fkey" FOREIGN KEY ("monitor_id") REFERENCES "monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "monitor_check_in" ADD CONSTRAINT "monitor_check_in_monitor_id_fkey" FOREIGN KEY ("monitor_id") REFERENCES "monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "monitor_check_in" ADD CONSTRAINT "monitor_check_in_monitor_environment_id_fkey" FOREIGN KEY ("monitor_environment_id") REFERENCES "monitor_environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
