-- CreateTable
CREATE TABLE "release_session_user" (
    "project_id" INTEGER NOT NULL,
    "release" TEXT NOT NULL,
    "environment" TEXT NOT NULL DEFAULT '',
    "did" TEXT NOT NULL,
    "crashed" BOOLEAN NOT NULL DEFAULT false,
    "first_seen" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "release_session_user_pkey" PRIMARY KEY ("project_id","release","environment","did")
);
