import type { Database } from "./client";
import { withoutStatementTimeout } from "./long-writes";
import type { Prisma } from "./generated/prisma/client";
import { generatePublicKey } from "./projects.repo";

/** What the web API changes on projects and their keys (reads are in the services' queries). */
export function createProjectAdminRepo(db: Database) {
  return {
    listForOrganization: (organizationId: number) =>
      db.project.findMany({ where: { organizationId }, orderBy: { slug: "asc" } }),

    update: (id: number, data: Prisma.ProjectUpdateInput) => db.project.update({ where: { id }, data }),

    slugTaken: async (organizationId: number, slug: string, exceptId: number) =>
      (await db.project.count({ where: { organizationId, slug, id: { not: exceptId } } })) > 0,

    /** Deletes the project and, by cascade, its keys, issues and events. */
    // Cascades through every event of the project: may outlast the server's statement timeout.
    delete: (id: number) => withoutStatementTimeout(db, (tx) => tx.project.delete({ where: { id } })),

    listKeys: (projectId: number) => db.projectKey.findMany({ where: { projectId }, orderBy: { id: "asc" } }),

    findKey: (projectId: number, publicKey: string) => db.projectKey.findFirst({ where: { projectId, publicKey } }),

    createKey: (projectId: number, label: string, rateLimit: { window: number; count: number } | null) =>
      db.projectKey.create({
        data: {
          projectId,
          label,
          publicKey: generatePublicKey(),
          rateLimitCount: rateLimit?.count ?? null,
          rateLimitWindowSeconds: rateLimit?.window ?? null,
        },
      }),

    updateKey: (id: number, data: Prisma.ProjectKeyUpdateInput) => db.projectKey.update({ where: { id }, data }),

    deleteKey: (id: number) => db.projectKey.delete({ where: { id } }),
  };
}

export type ProjectAdminRepo = ReturnType<typeof createProjectAdminRepo>;
