-- AlterTable
ALTER TABLE "project" ADD COLUMN     "data_scrubber" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "data_scrubber_defaults" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "fingerprinting_rules" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "safe_fields" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "scrub_emails" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "scrub_ip_addresses" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "sensitive_fields" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "issue" ADD COLUMN     "first_release" TEXT,
ADD COLUMN     "ignore_until" TIMESTAMPTZ(3),
ADD COLUMN     "ignore_until_count" INTEGER,
ADD COLUMN     "last_regressed_at" TIMESTAMPTZ(3),
ADD COLUMN     "last_release" TEXT,
ADD COLUMN     "regression_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "resolved_in_release" TEXT,
ADD COLUMN     "status_details" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "user_count" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "project_release" (
    "project_id" INTEGER NOT NULL,
    "version" TEXT NOT NULL,
    "first_seen" TIMESTAMPTZ(3) NOT NULL,
    "last_seen" TIMESTAMPTZ(3) NOT NULL,
    "event_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "project_release_pkey" PRIMARY KEY ("project_id","version")
);

-- CreateTable
CREATE TABLE "project_environment" (
    "project_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "first_seen" TIMESTAMPTZ(3) NOT NULL,
    "last_seen" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "project_environment_pkey" PRIMARY KEY ("project_id","name")
);

-- CreateTable
CREATE TABLE "issue_hourly_count" (
    "issue_id" BIGINT NOT NULL,
    "hour" TIMESTAMPTZ(0) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "issue_hourly_count_pkey" PRIMARY KEY ("issue_id","hour")
);

-- CreateTable
CREATE TABLE "project_hourly_count" (
    "project_id" INTEGER NOT NULL,
    "hour" TIMESTAMPTZ(0) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "project_hourly_count_pkey" PRIMARY KEY ("project_id","hour")
);

-- CreateTable
CREATE TABLE "issue_user" (
    "issue_id" BIGINT NOT NULL,
    "user_key" TEXT NOT NULL,
    "first_seen" TIMESTAMPTZ(3) NOT NULL,
    "last_seen" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "issue_user_pkey" PRIMARY KEY ("issue_id","user_key")
);

-- CreateTable
CREATE TABLE "issue_tag_value" (
    "issue_id" BIGINT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "times_seen" INTEGER NOT NULL,
    "first_seen" TIMESTAMPTZ(3) NOT NULL,
    "last_seen" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "issue_tag_value_pkey" PRIMARY KEY ("issue_id","key","value")
);

-- CreateIndex
CREATE INDEX "project_release_project_id_first_seen_idx" ON "project_release"("project_id", "first_seen" DESC);

-- CreateIndex
CREATE INDEX "issue_user_user_key_idx" ON "issue_user"("user_key");

-- CreateIndex
CREATE INDEX "issue_tag_value_issue_id_key_times_seen_idx" ON "issue_tag_value"("issue_id", "key", "times_seen" DESC);

-- AddForeignKey
ALTER TABLE "project_release" ADD CONSTRAINT "project_release_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_environment" ADD CONSTRAINT "project_environment_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "issue_hourly_count" ADD CONSTRAINT "issue_hourly_count_issue_id_fkey" FOREIGN KEY ("issue_id") REFERENCES "issue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_hourly_count" ADD CONSTRAINT "project_hourly_count_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "issue_user" ADD CONSTRAINT "issue_user_issue_id_fkey" FOREIGN KEY ("issue_id") REFERENCES "issue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "issue_tag_value" ADD CONSTRAINT "issue_tag_value_issue_id_fkey" FOREIGN KEY ("issue_id") REFERENCES "issue"("id") ON DELETE CASCADE ON UPDATE CASCADE;
