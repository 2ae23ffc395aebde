import type { Database } from "./client";
import type { Prisma } from "./generated/prisma/client";

export interface AuditEntryInput {
  organizationId: number;
  actorUserId: number | null;
  actorLabel: string;
  event: string;
  targetObject?: string | null;
  data?: Prisma.InputJsonValue;
  ipAddress?: string | null;
}

export function createAuditRepo(db: Database) {
  return {
    record: (entry: AuditEntryInput) =>
      db.auditLogEntry.create({
        data: {
          organizationId: entry.organizationId,
          actorUserId: entry.actorUserId,
          actorLabel: entry.actorLabel,
          event: entry.event,
          targetObject: entry.targetObject ?? null,
          data: entry.data ?? {},
          ipAddress: entry.ipAddress ?? null,
        },
      }),

    /** Newest first; `before` is the id to continue after (keyset). */
    list: (organizationId: number, limit: number, before?: bigint) =>
      db.auditLogEntry.findMany({
        where: { organizationId, ...(before !== undefined ? { id: { lt: before } } : {}) },
        orderBy: { id: "desc" },
        take: limit,
      }),
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
