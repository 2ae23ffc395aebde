import { AuthError, parseDsn } from "./auth/sentry-auth";

/** The DSN an SDK needs: the public key as user name, the project id as the last path segment. */
export function buildDsn(publicUrl: string, publicKey: string, projectId: number): string {
  const url = new URL(publicUrl);
  const prefix = url.pathname.replace(/\/+$/, "");
  return `${url.protocol}//${publicKey}@${url.host}${prefix}/${projectId}`;
}

/** A DSN from another install, as a project adopting it keeps it. */
export interface AdoptableDsn {
  publicKey: string;
  secretKey: string | null;
  projectId: number;
}

/**
 * Reads a DSN to adopt (`https://<key>[:<secret>]@host[/prefix]/<project id>`). The project id
 * must be a positive integer a number holds exactly (sentry.io's have 16 digits).
 */
export function parseAdoptableDsn(dsn: string): AdoptableDsn {
  const parsed = parseDsn(dsn.trim());
  const projectId = parseDsnProjectId(parsed.projectId);
  if (projectId === null) throw new AuthError("bad sentry DSN: the project id is not a positive integer", 400);
  const secret = decodeURIComponent(new URL(dsn.trim()).password);
  return { publicKey: parsed.publicKey, secretKey: secret === "" ? null : normalizeSecretKey(secret), projectId };
}

/** A DSN project id as sent (digits only), or null if it is not one a project can answer on. */
export function parseDsnProjectId(raw: string): number | null {
  if (!/^\d{1,16}$/.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** Secrets take the public key's shape (Sentry's are 32 hex characters). */
export function normalizeSecretKey(raw: string): string {
  const secret = raw.trim().toLowerCase().replace(/-/g, "");
  if (!/^[a-z0-9_]{1,64}$/.test(secret)) throw new AuthError("bad sentry DSN secret key", 400);
  return secret;
}
