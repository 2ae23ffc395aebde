import type { Database } from "./client";
import { withoutStatementTimeout } from "./long-writes";

/** What the web API changes on an organization itself (its members and projects have their own). */
export function createOrganizationAdminRepo(db: Database) {
  return {
    findBySlug: (slug: string) => db.organization.findUnique({ where: { slug } }),

    rename: (
      id: number,
      data: {
        name?: string | undefined;
        slug?: string | undefined;
        openMembership?: boolean | undefined;
        require2FA?: boolean | undefined;
      },
    ) => db.organization.update({ where: { id }, data }),

    projectIds: async (organizationId: number) =>
      (await db.project.findMany({ where: { organizationId }, select: { id: true } })).map((project) => project.id),

    /** Deletes the organization and, by cascade, its members, teams, projects, events and releases. */
    // Cascades through every event of every project: may outlast the server's statement timeout.
    delete: (id: number) => withoutStatementTimeout(db, (tx) => tx.organization.delete({ where: { id } })),
  };
}
