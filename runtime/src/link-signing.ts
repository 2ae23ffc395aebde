import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Database } from "@faultline/db";

/**
 * Signs links that must work without signing in (a workflow email's unsubscribe link). The key
 * is made on first use and kept in the database, so the server and the worker sign alike.
 */
export async function signingKey(db: Database, purpose: string): Promise<Buffer> {
  await db.$executeRaw`INSERT INTO signing_key (purpose, key) VALUES (${purpose}, ${randomBytes(32)})
    ON CONFLICT (purpose) DO NOTHING`;
  const row = await db.signingKey.findUniqueOrThrow({ where: { purpose } });
  return Buffer.from(row.key);
}

const mac = (key: Buffer, message: string) => createHmac("sha256", key).update(message).digest("base64url");

/** `<issue id>.<user id>.<signature>`: unsubscribes that user from that issue. */
export async function unsubscribeToken(db: Database, issueId: bigint, userId: number): Promise<string> {
  const key = await signingKey(db, "unsubscribe");
  return `${issueId}.${userId}.${mac(key, `unsubscribe:${issueId}:${userId}`)}`;
}

/** The issue and user an unsubscribe token names, or null when it is not one this install signed. */
export async function readUnsubscribeToken(
  db: Database,
  token: string,
): Promise<{ issueId: bigint; userId: number } | null> {
  const match = /^(\d{1,18})\.(\d{1,9})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, issue, user, signature] = match;
  const key = await signingKey(db, "unsubscribe");
  const expected = Buffer.from(mac(key, `unsubscribe:${issue}:${user}`));
  const given = Buffer.from(signature!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { issueId: BigInt(issue!), userId: Number(user) };
}
