-- CreateTable
CREATE TABLE "release" (
    "id" SERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "version" TEXT NOT NULL,
    "ref" TEXT,
    "url" TEXT,
    "date_started" TIMESTAMPTZ(3),
    "date_released" TIMESTAMPTZ(3),
    "commits" JSONB NOT NULL DEFAULT '[]',
    "commit_count" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'open',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "release_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "release_project" (
    "release_id" INTEGER NOT NULL,
    "project_id" INTEGER NOT NULL,

    CONSTRAINT "release_project_pkey" PRIMARY KEY ("release_id","project_id")
);

-- CreateTable
CREATE TABLE "deploy" (
    "id" SERIAL NOT NULL,
    "release_id" INTEGER NOT NULL,
    "environment" TEXT NOT NULL,
    "name" TEXT,
    "url" TEXT,
    "date_started" TIMESTAMPTZ(3),
    "date_finished" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deploy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "artifact_bundle" (
    "id" SERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "bundle_id" TEXT NOT NULL,
    "checksum" TEXT NOT NULL,
    "release" TEXT NOT NULL DEFAULT '',
    "dist" TEXT NOT NULL DEFAULT '',
    "file_count" INTEGER NOT NULL,
    "size" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "artifact_bundle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "artifact_bundle_project" (
    "bundle_id" INTEGER NOT NULL,
    "project_id" INTEGER NOT NULL,

    CONSTRAINT "artifact_bundle_project_pkey" PRIMARY KEY ("bundle_id","project_id")
);

-- CreateTable
CREATE TABLE "artifact_bundle_file" (
    "id" BIGSERIAL NOT NULL,
    "bundle_id" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "file_type" TEXT NOT NULL,
    "debug_id" TEXT,
    "zip_path" TEXT NOT NULL,
    "source_map" TEXT,

    CONSTRAINT "artifact_bundle_file_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "release_file" (
    "id" BIGSERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "release_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "dist" TEXT NOT NULL DEFAULT '',
    "sha1" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "release_file_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "release_organization_id_version_key" ON "release"("organization_id", "version");

-- CreateIndex
CREATE INDEX "release_project_project_id_idx" ON "release_project"("project_id");

-- CreateIndex
CREATE INDEX "deploy_release_id_date_finished_idx" ON "deploy"("release_id", "date_finished" DESC);

-- CreateIndex
CREATE INDEX "artifact_bundle_organization_id_release_dist_idx" ON "artifact_bundle"("organization_id", "release", "dist");

-- CreateIndex
CREATE UNIQUE INDEX "artifact_bundle_organization_id_checksum_key" ON "artifact_bundle"("organization_id", "checksum");

-- CreateIndex
CREATE INDEX "artifact_bundle_project_project_id_idx" ON "artifact_bundle_project"("project_id");

-- CreateIndex
CREATE INDEX "artifact_bundle_file_debug_id_idx" ON "artifact_bundle_file"("debug_id");

-- CreateIndex
CREATE INDEX "artifact_bundle_file_bundle_id_url_idx" ON "artifact_bundle_file"("bundle_id", "url");

-- CreateIndex
CREATE UNIQUE INDEX "release_file_release_id_dist_name_key" ON "release_file"("release_id", "dist", "name");

-- CreateIndex
CREATE INDEX "issue_project_id_first_release_idx" ON "issue"("project_id", "first_release");

-- AddForeignKey
ALTER TABLE "release_project" ADD CONSTRAINT "release_project_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deploy" ADD CONSTRAINT "deploy_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "artifact_bundle_project" ADD CONSTRAINT "artifact_bundle_project_bundle_id_fkey" FOREIGN KEY ("bundle_id") REFERENCES "artifact_bundle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "artifact_bundle_file" ADD CONSTRAINT "artifact_bundle_file_bundle_id_fkey" FOREIGN KEY ("bundle_id") REFERENCES "artifact_bundle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "release_file" ADD CONSTRAINT "release_file_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- References to organization and project, kept out of the Prisma models (see schema.prisma).
ALTER TABLE "release" ADD CONSTRAINT "release_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "release_project" ADD CONSTRAINT "release_project_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "artifact_bundle" ADD CONSTRAINT "artifact_bundle_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "artifact_bundle_project" ADD CONSTRAINT "artifact_bundle_project_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "release_file" ADD CONSTRAINT "release_file_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
