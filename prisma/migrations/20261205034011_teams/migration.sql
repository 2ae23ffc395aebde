-- AlterTable
ALTER TABLE "organization" ADD COLUMN     "open_membership" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "issue" ADD COLUMN     "assignee_team_id" INTEGER;

-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "workflow_emails" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "team" (
    "id" SERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "team_member" (
    "team_id" INTEGER NOT NULL,
    "member_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "team_member_pkey" PRIMARY KEY ("team_id","member_id")
);

-- CreateTable
CREATE TABLE "project_team" (
    "project_id" INTEGER NOT NULL,
    "team_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_team_pkey" PRIMARY KEY ("project_id","team_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "team_organization_id_slug_key" ON "team"("organization_id", "slug");

-- CreateIndex
CREATE INDEX "team_member_member_id_idx" ON "team_member"("member_id");

-- CreateIndex
CREATE INDEX "project_team_team_id_idx" ON "project_team"("team_id");

-- CreateIndex
CREATE INDEX "issue_assignee_team_id_idx" ON "issue"("assignee_team_id");

-- AddForeignKey
ALTER TABLE "team" ADD CONSTRAINT "team_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team_member" ADD CONSTRAINT "team_member_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team_member" ADD CONSTRAINT "team_member_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "organization_member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_team" ADD CONSTRAINT "project_team_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_team" ADD CONSTRAINT "project_team_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "issue" ADD CONSTRAINT "issue_assignee_team_id_fkey" FOREIGN KEY ("assignee_team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- An issue is assigned to a person or to a team, never both.
ALTER TABLE "issue" ADD CONSTRAINT "issue_one_assignee" CHECK ("assignee_id" IS NULL OR "assignee_team_id" IS NULL);

-- Existing installs: each organization's implied team (named and slugged after the organization)
-- becomes a real team holding all of its members and all of its projects, so nothing changes.
INSERT INTO "team" ("organization_id", "slug", "name", "created_at")
SELECT "id", "slug", "name", "created_at" FROM "organization";

INSERT INTO "team_member" ("team_id", "member_id")
SELECT t."id", m."id" FROM "organization_member" m JOIN "team" t ON t."organization_id" = m."organization_id";

INSERT INTO "project_team" ("project_id", "team_id")
SELECT p."id", t."id" FROM "project" p JOIN "team" t ON t."organization_id" = p."organization_id";
