import type { UpdateOrganizationBody } from "@faultline/core";
import { createOrganizationAdminRepo, type Database } from "@faultline/db";
import { conflict } from "../api-error";

/** What an organization's settings page changes: its name and slug, or the whole organization. */
export function createOrganizationSettingsService(db: Database) {
  const repo = createOrganizationAdminRepo(db);
  return {
    async update(organizationId: number, body: UpdateOrganizationBody) {
      if (body.slug) {
        const holder = await repo.findBySlug(body.slug);
        if (holder && holder.id !== organizationId) throw conflict(`slug: "${body.slug}" is taken`);
      }
      return repo.rename(organizationId, {
        name: body.name,
        slug: body.slug,
        openMembership: body.openMembership,
        require2FA: body.require2FA,
      });
    },

    /** Deletes the organization; answers its projects' ids, whose keys the ingest caches must drop. */
    async delete(organizationId: number): Promise<number[]> {
      const projectIds = await repo.projectIds(organizationId);
      await repo.delete(organizationId);
      return projectIds;
    },
  };
}
