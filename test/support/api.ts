import { createMembersRepo, createUsersRepo, type Database, type MemberRole } from "@faultline/db";
import { hashPassword } from "../../server/src/auth/password";
import type { Scope } from "../../server/src/auth/permissions";
import { createTokensService } from "../../server/src/api/tokens/tokens.service";

export const TEST_PASSWORD = "correct horse battery";
let cachedHash: Promise<string> | undefined;

/** A user (one argon2 hash per test file, reused) with a role in each organization listed. */
export async function createTestUser(
  db: Database,
  email: string,
  memberships: Record<string, MemberRole> = {},
  options: { superuser?: boolean } = {},
) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const user = await createUsersRepo(db).createUser({
    email,
    passwordHash: await cachedHash,
    isSuperuser: options.superuser ?? false,
  });
  const members = createMembersRepo(db);
  for (const [slug, role] of Object.entries(memberships)) {
    const org = await db.organization.upsert({ where: { slug }, create: { slug, name: slug }, update: {} });
    await members.ensure(org.id, user.id, role);
  }
  return user;
}

/** An API token for the user; the Authorization header value. */
export async function bearerFor(db: Database, userId: number, scopes: Scope[] = ["read", "write", "admin"]) {
  const { token } = await createTokensService(db).create(userId, "test", scopes);
  return `Bearer ${token}`;
}

/** A user with a role in `org` and a token with every scope: the usual fixture. */
export async function memberWithToken(db: Database, email: string, org: string, role: MemberRole) {
  const user = await createTestUser(db, email, { [org]: role });
  return { user, auth: await bearerFor(db, user.id) };
}
