import { AuthError, parseDsn, parseDsnProjectId, type SentryAuth } from "@faultline/core";
import type { IngestKeyRecord } from "@faultline/db";
import { IngestError } from "./ingest-error";
import { KeyLookupUnavailableError, type KeyCache } from "./key-cache";

export interface Credentials {
  /** From the header or query string, if any. */
  request: SentryAuth | null;
  /** The envelope header's `dsn`, if any. */
  envelopeDsn?: unknown;
}

/**
 * Resolves the project a request may write to. The project id in the URL must be one of the key's
 * project's DSN ids (its own id, or one adopted with a DSN from another install); unknown,
 * disabled and mismatched keys are refused with 401/403 as Relay does, and
 * a key that cannot be checked (PostgreSQL unreachable, key not in memory) with 503.
 */
export async function authenticate(
  projectIdParam: string,
  credentials: Credentials,
  keys: KeyCache,
): Promise<IngestKeyRecord> {
  const projectId = parseProjectId(projectIdParam);
  let publicKey = credentials.request?.publicKey;
  if (typeof credentials.envelopeDsn === "string" && credentials.envelopeDsn !== "") {
    const dsn = wrapAuth(() => parseDsn(credentials.envelopeDsn as string));
    if (publicKey !== undefined && dsn.publicKey !== publicKey) {
      throw new IngestError(400, "public key mismatch between envelope and request");
    }
    if (dsn.projectId !== String(projectId))
      throw new IngestError(400, "project id mismatch between envelope and request");
    publicKey = dsn.publicKey;
  }
  if (publicKey === undefined)
    throw new IngestError(401, "missing authorization: no sentry_key in header, query string or envelope dsn");
  const key = await keys.get(publicKey).catch((error: unknown) => {
    if (error instanceof KeyLookupUnavailableError) throw databaseUnavailable(error);
    throw error;
  });
  if (!key) throw new IngestError(401, "unknown public key");
  if (!key.isActive) throw new IngestError(403, "event submission rejected: project key is disabled");
  // The cached key carries its project's DSN ids, so an adopted id costs no query.
  if (key.projectId !== projectId && !key.dsnProjectIds.includes(projectId))
    throw new IngestError(403, "event submission rejected: key does not belong to this project");
  return key;
}

/** Seconds an SDK is asked to wait when a key cannot be checked (PostgreSQL unreachable). */
const DATABASE_RETRY_AFTER_SECONDS = "10";

/**
 * Keys seen before are served from memory during a PostgreSQL outage; a key never seen cannot
 * be told from a wrong one, so the SDK is asked to retry later (it keeps or resends the event).
 */
function databaseUnavailable(cause: KeyLookupUnavailableError): IngestError {
  return new IngestError(
    503,
    "database unavailable: the project key could not be checked, retry later",
    { "Retry-After": DATABASE_RETRY_AFTER_SECONDS },
    cause,
  );
}

/** sentry.io's project ids have 16 digits: ids adopted from it are kept to what a number holds exactly. */
export function parseProjectId(raw: string): number {
  const id = parseDsnProjectId(raw);
  if (id === null) throw new IngestError(400, "bad project path parameter");
  return id;
}

export function wrapAuth<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof AuthError) throw new IngestError(error.status, error.message);
    throw error;
  }
}
