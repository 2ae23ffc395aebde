import { createAuditRepo, type Database, type Prisma } from "@faultline/db";
import type { Request } from "express";
import { clientIp, type Principal } from "./principal";

/** Records a change made through the API: who (user, and which token), what, on what, from where. */
export function createAuditTrail(db: Database) {
  const repo = createAuditRepo(db);
  return async function audit(
    req: Request,
    principal: Principal,
    organizationId: number,
    event: string,
    target: string | null,
    data: Prisma.InputJsonValue = {},
  ): Promise<void> {
    await repo.record({
      organizationId,
      actorUserId: principal.user.id,
      actorLabel:
        principal.via === "token" ? `${principal.user.email} (token ${principal.tokenId})` : principal.user.email,
      event,
      targetObject: target,
      data,
      ipAddress: clientIp(req),
    });
  };
}

export type AuditTrail = ReturnType<typeof createAuditTrail>;
