import type { Database } from "./client";

export interface WindowLimitRecord {
  count: number;
  windowSeconds: number;
}

/** What ingest needs to know about a DSN key: whose it is, and the limits that apply. */
export interface IngestKeyRecord {
  projectId: number;
  /** Every project id the project's DSNs may carry: its own and those adopted from other installs. */
  dsnProjectIds: number[];
  publicKey: string;
  isActive: boolean;
  keyLimit: WindowLimitRecord | null;
  projectQuota: WindowLimitRecord | null;
}

function limit(count: number | null, windowSeconds: number | null): WindowLimitRecord | null {
  return count !== null && windowSeconds !== null && windowSeconds > 0 ? { count, windowSeconds } : null;
}

interface KeyRow {
  projectId: number;
  publicKey: string;
  isActive: boolean;
  rateLimitCount: number | null;
  rateLimitWindowSeconds: number | null;
  eventQuota: number | null;
  eventQuotaWindowSeconds: number | null;
  dsnProjectIds: bigint[];
}

export function createIngestKeysRepo(db: Database) {
  return {
    /** One query: the key, its project's quota and DSN ids (a cache miss costs one round trip). */
    async findIngestKey(publicKey: string): Promise<IngestKeyRecord | null> {
      const rows = await db.$queryRaw<KeyRow[]>`
        SELECT k.project_id AS "projectId", k.public_key AS "publicKey", k.is_active AS "isActive",
               k.rate_limit_count AS "rateLimitCount", k.rate_limit_window_seconds AS "rateLimitWindowSeconds",
               p.event_quota AS "eventQuota", p.event_quota_window_seconds AS "eventQuotaWindowSeconds",
               ARRAY(SELECT d.id FROM project_dsn_id d WHERE d.project_id = k.project_id) AS "dsnProjectIds"
        FROM project_key k JOIN project p ON p.id = k.project_id
        WHERE k.public_key = ${publicKey}`;
      const key = rows[0];
      if (!key) return null;
      return {
        projectId: key.projectId,
        // Adopted ids are at most 2^53 - 1 (checked when adopted), so a number holds them exactly.
        dsnProjectIds: key.dsnProjectIds.map(Number),
        publicKey: key.publicKey,
        isActive: key.isActive,
        keyLimit: limit(key.rateLimitCount, key.rateLimitWindowSeconds),
        projectQuota: limit(key.eventQuota, key.eventQuotaWindowSeconds),
      };
    },
  };
}

export type IngestKeysRepo = ReturnType<typeof createIngestKeysRepo>;
