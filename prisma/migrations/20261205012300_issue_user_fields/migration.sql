-- AlterTable
ALTER TABLE "issue_user" ADD COLUMN     "email" TEXT,
ADD COLUMN     "ip_address" TEXT,
ADD COLUMN     "name" TEXT,
ADD COLUMN     "username" TEXT;

-- CreateIndex
CREATE INDEX "issue_user_email_idx" ON "issue_user"("email");

-- CreateIndex
CREATE INDEX "issue_user_username_idx" ON "issue_user"("username");

-- CreateIndex
CREATE INDEX "issue_user_ip_address_idx" ON "issue_user"("ip_address");
