-- AlterTable
ALTER TABLE "issue" ADD COLUMN     "ignore_until_user_count" INTEGER;
