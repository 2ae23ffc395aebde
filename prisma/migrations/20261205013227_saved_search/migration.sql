-- CreateTable
CREATE TABLE "saved_search" (
    "id" SERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "owner_id" INTEGER,
    "type" INTEGER NOT NULL DEFAULT 0,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "sort" TEXT NOT NULL DEFAULT 'date',
    "visibility" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saved_search_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "saved_search_organization_id_owner_id_idx" ON "saved_search"("organization_id", "owner_id");

-- CreateIndex
CREATE INDEX "saved_search_owner_id_idx" ON "saved_search"("owner_id");

-- A user's pinned default is one per organization and search type (pinning again replaces it).
CREATE UNIQUE INDEX "saved_search_one_pinned" ON "saved_search"("organization_id", "owner_id", "type") WHERE "visibility" = 'owner_pinned';

-- AddForeignKey
ALTER TABLE "saved_search" ADD CONSTRAINT "saved_search_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saved_search" ADD CONSTRAINT "saved_search_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
