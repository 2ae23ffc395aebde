import type { UpdateProjectBody } from "@faultline/core";
import { createProjectAdminRepo, type Database, type Prisma } from "@faultline/db";
import { conflict } from "../api-error";

export function createProjectsService(db: Database) {
  const repo = createProjectAdminRepo(db);
  return {
    async update(project: { id: number; organizationId: number }, body: UpdateProjectBody) {
      if (body.slug && (await repo.slugTaken(project.organizationId, body.slug, project.id)))
        throw conflict(`slug: "${body.slug}" is taken in this organization`);
      const data: Prisma.ProjectUpdateInput = {
        name: body.name,
        slug: body.slug,
        platform: body.platform,
        dataScrubber: body.dataScrubber,
        dataScrubberDefaults: body.dataScrubberDefaults,
        sensitiveFields: body.sensitiveFields,
        safeFields: body.safeFields,
        scrubIpAddresses: body.scrubIPAddresses,
        scrubEmails: body.scrubEmails,
        fingerprintingRules: body.fingerprintingRules,
        ...(body.eventQuota !== undefined
          ? {
              eventQuota: body.eventQuota?.count ?? null,
              eventQuotaWindowSeconds: body.eventQuota?.window ?? null,
            }
          : {}),
        eventRetentionDays: body.eventRetentionDays,
        maxEventsPerIssue: body.maxEventsPerIssue,
      };
      return repo.update(project.id, data);
    },
    delete: (projectId: number) => repo.delete(projectId),
  };
}
