-- AlterTable
ALTER TABLE "issue" ADD COLUMN     "ignore_user_window" INTEGER,
ADD COLUMN     "ignore_window" INTEGER;
