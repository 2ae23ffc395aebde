import type { Database } from "./client";

export interface WindowLimitRecord {
  count: number;
  windowSeconds: number;
}

/** What ingest needs to know about a DSN key: whose it is, and the limits that apply. */
export interface IngestKeyRecord {
  projectId: number;
  publicKey: string;
  isActive: boolean;
  keyLimit: WindowLimitRecord | null;
  projectQuota: WindowLimitRecord | null;
}

function limit(count: number | null, windowSeconds: number | null): WindowLimitRecord | null {
  return count !== null && windowSeconds !== null && windowSeconds > 0 ? { count, windowSeconds } : null;
}

export function createIngestKeysRepo(db: Database) {
  return {
    async findIngestKey(publicKey: string): Promise<IngestKeyRecord | null> {
      const key = await db.projectKey.findUnique({
        where: { publicKey },
        select: {
          projectId: true,
          publicKey: true,
          isActive: true,
          rateLimitCount: true,
          rateLimitWindowSeconds: true,
          project: { select: { eventQuota: true, eventQuotaWindowSeconds: true } },
        },
      });
      if (!key) return null;
      return {
        projectId: key.projectId,
        publicKey: key.publicKey,
        isActive: key.isActive,
        keyLimit: limit(key.rateLimitCount, key.rateLimitWindowSeconds),
        projectQuota: limit(key.project.eventQuota, key.project.eventQuotaWindowSeconds),
      };
    },
  };
}

export type IngestKeysRepo = ReturnType<typeof createIngestKeysRepo>;
