-- CreateEnum
CREATE TYPE "delivery_status" AS ENUM ('queued', 'sent', 'failed');

-- CreateTable
CREATE TABLE "alert_rule" (
    "id" SERIAL NOT NULL,
    "project_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "trigger_match" TEXT NOT NULL DEFAULT 'any',
    "triggers" JSONB NOT NULL,
    "filters" JSONB NOT NULL DEFAULT '[]',
    "actions" JSONB NOT NULL,
    "action_interval_minutes" INTEGER NOT NULL DEFAULT 60,
    "digest_minutes" INTEGER NOT NULL DEFAULT 0,
    "snoozed_until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_firing" (
    "id" BIGSERIAL NOT NULL,
    "rule_id" INTEGER NOT NULL,
    "project_id" INTEGER NOT NULL,
    "issue_id" BIGINT NOT NULL,
    "event_id" TEXT NOT NULL,
    "triggers" TEXT[],
    "digest_pending" BOOLEAN NOT NULL DEFAULT false,
    "fired_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_firing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_delivery" (
    "id" BIGSERIAL NOT NULL,
    "project_id" INTEGER NOT NULL,
    "rule_id" INTEGER,
    "firing_id" BIGINT,
    "issue_id" BIGINT,
    "kind" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "status" "delivery_status" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "provider_response_id" TEXT,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "notification_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_sms_daily_count" (
    "project_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "project_sms_daily_count_pkey" PRIMARY KEY ("project_id","day")
);

-- CreateIndex
CREATE INDEX "alert_rule_project_id_idx" ON "alert_rule"("project_id");

-- CreateIndex
CREATE INDEX "alert_firing_rule_id_fired_at_idx" ON "alert_firing"("rule_id", "fired_at" DESC);

-- CreateIndex
CREATE INDEX "alert_firing_rule_id_digest_pending_idx" ON "alert_firing"("rule_id", "digest_pending");

-- CreateIndex
CREATE UNIQUE INDEX "alert_firing_rule_id_issue_id_event_id_key" ON "alert_firing"("rule_id", "issue_id", "event_id");

-- CreateIndex
CREATE INDEX "notification_delivery_project_id_created_at_idx" ON "notification_delivery"("project_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "notification_delivery_rule_id_created_at_idx" ON "notification_delivery"("rule_id", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "alert_firing" ADD CONSTRAINT "alert_firing_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "alert_rule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_delivery" ADD CONSTRAINT "notification_delivery_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "alert_rule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_delivery" ADD CONSTRAINT "notification_delivery_firing_id_fkey" FOREIGN KEY ("firing_id") REFERENCES "alert_firing"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- References to project and issue (not declared as Prisma relations: see the note in schema.prisma).
ALTER TABLE "alert_rule" ADD CONSTRAINT "alert_rule_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_firing" ADD CONSTRAINT "alert_firing_issue_id_fkey" FOREIGN KEY ("issue_id") REFERENCES "issue"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notification_delivery" ADD CONSTRAINT "notification_delivery_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notification_delivery" ADD CONSTRAINT "notification_delivery_issue_id_fkey" FOREIGN KEY ("issue_id") REFERENCES "issue"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "project_sms_daily_count" ADD CONSTRAINT "project_sms_daily_count_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
