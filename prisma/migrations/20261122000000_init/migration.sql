-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "issue_status" AS ENUM ('unresolved', 'resolved', 'ignored');

-- CreateTable
CREATE TABLE "organization" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project" (
    "id" SERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "platform" TEXT NOT NULL DEFAULT 'other',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_key" (
    "id" SERIAL NOT NULL,
    "project_id" INTEGER NOT NULL,
    "public_key" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT 'Default',
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_key_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "issue" (
    "id" BIGSERIAL NOT NULL,
    "project_id" INTEGER NOT NULL,
    "primary_hash" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "culprit" TEXT NOT NULL DEFAULT '',
    "level" TEXT NOT NULL DEFAULT 'error',
    "type" TEXT NOT NULL DEFAULT 'error',
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "status" "issue_status" NOT NULL DEFAULT 'unresolved',
    "first_seen" TIMESTAMPTZ(3) NOT NULL,
    "last_seen" TIMESTAMPTZ(3) NOT NULL,
    "times_seen" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "issue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event" (
    "id" BIGSERIAL NOT NULL,
    "project_id" INTEGER NOT NULL,
    "issue_id" BIGINT NOT NULL,
    "event_id" UUID NOT NULL,
    "timestamp" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "level" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "release" TEXT,
    "environment" TEXT,
    "message" TEXT NOT NULL DEFAULT '',
    "title" TEXT NOT NULL DEFAULT '',
    "tags" JSONB NOT NULL DEFAULT '[]',
    "data" JSONB NOT NULL,

    CONSTRAINT "event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "group_hash" (
    "id" BIGSERIAL NOT NULL,
    "project_id" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "issue_id" BIGINT NOT NULL,
    "grouping_version" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "group_hash_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organization_slug_key" ON "organization"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "project_organization_id_slug_key" ON "project"("organization_id", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "project_key_public_key_key" ON "project_key"("public_key");

-- CreateIndex
CREATE INDEX "project_key_project_id_idx" ON "project_key"("project_id");

-- CreateIndex
CREATE INDEX "issue_project_id_status_last_seen_idx" ON "issue"("project_id", "status", "last_seen" DESC);

-- CreateIndex
CREATE INDEX "issue_project_id_last_seen_idx" ON "issue"("project_id", "last_seen" DESC);

-- CreateIndex
CREATE INDEX "issue_project_id_first_seen_idx" ON "issue"("project_id", "first_seen" DESC);

-- CreateIndex
CREATE INDEX "event_issue_id_timestamp_idx" ON "event"("issue_id", "timestamp" DESC);

-- CreateIndex
CREATE INDEX "event_project_id_timestamp_idx" ON "event"("project_id", "timestamp" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "event_project_id_event_id_key" ON "event"("project_id", "event_id");

-- CreateIndex
CREATE INDEX "group_hash_issue_id_idx" ON "group_hash"("issue_id");

-- CreateIndex
CREATE UNIQUE INDEX "group_hash_project_id_hash_key" ON "group_hash"("project_id", "hash");

-- AddForeignKey
ALTER TABLE "project" ADD CONSTRAINT "project_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_key" ADD CONSTRAINT "project_key_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "issue" ADD CONSTRAINT "issue_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event" ADD CONSTRAINT "event_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event" ADD CONSTRAINT "event_issue_id_fkey" FOREIGN KEY ("issue_id") REFERENCES "issue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_hash" ADD CONSTRAINT "group_hash_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_hash" ADD CONSTRAINT "group_hash_issue_id_fkey" FOREIGN KEY ("issue_id") REFERENCES "issue"("id") ON DELETE CASCADE ON UPDATE CASCADE;
