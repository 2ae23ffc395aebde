import { AuthError, parseDsn, type SentryAuth } from "@faultline/core";
import type { IngestKeyRecord } from "@faultline/db";
import { IngestError } from "./ingest-error";
import type { KeyCache } from "./key-cache";

export interface Credentials {
  /** From the header or query string, if any. */
  request: SentryAuth | null;
  /** The envelope header's `dsn`, if any. */
  envelopeDsn?: unknown;
}

/**
 * Resolves the project a request may write to. The project id in the URL must be the key's
 * project; unknown, disabled and mismatched keys are refused with 401/403 as Relay does.
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
  const key = await keys.get(publicKey);
  if (!key) throw new IngestError(401, "unknown public key");
  if (!key.isActive) throw new IngestError(403, "event submission rejected: project key is disabled");
  if (key.projectId !== projectId)
    throw new IngestError(403, "event submission rejected: key does not belong to this project");
  return key;
}

export function parseProjectId(raw: string): number {
  if (!/^\d{1,10}$/.test(raw) || Number(raw) > 2_147_483_647 || Number(raw) === 0) {
    throw new IngestError(400, "bad project path parameter");
  }
  return Number(raw);
}

export function wrapAuth<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof AuthError) throw new IngestError(error.status, error.message);
    throw error;
  }
}
