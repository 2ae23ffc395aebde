-- Issues are numbered per project, as Sentry's short ids are (CHECKOUT-1, CHECKOUT-2, ...).
ALTER TABLE "project" ADD COLUMN "last_short_id" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "issue" ADD COLUMN "short_id" INTEGER;

-- Existing issues take their numbers in the order they were created.
UPDATE "issue" SET "short_id" = numbered.n
FROM (SELECT "id", row_number() OVER (PARTITION BY "project_id" ORDER BY "id") AS n FROM "issue") numbered
WHERE "issue"."id" = numbered."id";
UPDATE "project" SET "last_short_id" = counted.n
FROM (SELECT "project_id", max("short_id") AS n FROM "issue" GROUP BY "project_id") counted
WHERE "project"."id" = counted."project_id";

ALTER TABLE "issue" ALTER COLUMN "short_id" SET NOT NULL;
CREATE UNIQUE INDEX "issue_project_id_short_id_key" ON "issue"("project_id", "short_id");

-- Per-user bookmarks and subscriptions (Sentry's isBookmarked / isSubscribed).
CREATE TABLE "issue_bookmark" (
    "issue_id" BIGINT NOT NULL REFERENCES "issue"("id") ON DELETE CASCADE,
    "user_id" INTEGER NOT NULL REFERENCES "app_user"("id") ON DELETE CASCADE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "issue_bookmark_pkey" PRIMARY KEY ("issue_id","user_id")
);
CREATE INDEX "issue_bookmark_user_id_idx" ON "issue_bookmark"("user_id");

CREATE TABLE "issue_subscription" (
    "issue_id" BIGINT NOT NULL REFERENCES "issue"("id") ON DELETE CASCADE,
    "user_id" INTEGER NOT NULL REFERENCES "app_user"("id") ON DELETE CASCADE,
    "is_active" BOOLEAN NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "issue_subscription_pkey" PRIMARY KEY ("issue_id","user_id")
);
CREATE INDEX "issue_subscription_user_id_idx" ON "issue_subscription"("user_id");
