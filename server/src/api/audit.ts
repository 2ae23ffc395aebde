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

/**
 * Records a change to the caller's own account (tokens, password). The audit log is kept per
 * organization, so the entry goes to every organization the user is a member of: each one's
 * admins see what happened to credentials that can act on it.
 */
export function createAccountAuditTrail(db: Database) {
  const audit = createAuditTrail(db);
  return async function auditAccount(
    req: Request,
    principal: Principal,
    event: string,
    target: string | null,
    data: Prisma.InputJsonValue = {},
  ): Promise<void> {
    const memberships = await db.organizationMember.findMany({
      where: { userId: principal.user.id },
      select: { organizationId: true },
    });
    for (const { organizationId } of memberships) await audit(req, principal, organizationId, event, target, data);
  };
}

export type AccountAuditTrail = ReturnType<typeof createAccountAuditTrail>;
