import type { Database } from "@faultline/db";
import { badRequest } from "../api-error";
import type { ProjectSummary } from "./serialize-release";

const SUMMARY = { id: true, slug: true, name: true, platform: true } as const;

export function orgProjects(db: Database, organizationId: number, ids?: number[]): Promise<ProjectSummary[]> {
  return db.project.findMany({
    where: { organizationId, ...(ids && ids.length > 0 ? { id: { in: ids } } : {}) },
    select: SUMMARY,
    orderBy: { slug: "asc" },
  });
}

/** The organization's projects named by slug or numeric id in a body; an unknown one is a 400. */
export async function projectsByRef(db: Database, organizationId: number, refs: string[]): Promise<ProjectSummary[]> {
  if (refs.length === 0) return [];
  const ids = refs.filter((ref) => /^\d{1,9}$/.test(ref)).map(Number);
  const found = await db.project.findMany({
    where: { organizationId, OR: [{ slug: { in: refs } }, { id: { in: ids } }] },
    select: SUMMARY,
  });
  for (const ref of refs) {
    if (!found.some((project) => project.slug === ref || String(project.id) === ref))
      throw badRequest(`projects: unknown project "${ref}"`);
  }
  return found;
}
