import { randomBytes } from "node:crypto";
import type { Database } from "./client";
import { adoptDsn, type AdoptedDsn } from "./dsn-adoption.repo";
import { slugify } from "./slug";
import { defaultTeamOf } from "./teams.repo";

export interface ProjectKeyRecord {
  projectId: number;
  publicKey: string;
  isActive: boolean;
}

export interface CreatedProject {
  organizationSlug: string;
  projectSlug: string;
  projectId: number;
  publicKey: string;
  /** The project id its DSN carries: the adopted DSN's, else `projectId`. */
  dsnProjectId: number;
  secretKey: string | null;
}

export function generatePublicKey(): string {
  return randomBytes(16).toString("hex");
}

export function createProjectsRepo(db: Database) {
  return {
    /** Creates the organization on first use, then a project with one active key. */
    async createProject(input: {
      orgSlug: string;
      name: string;
      platform?: string;
      /** Wanted slug; a taken one gets a number appended, like a name's. */
      slug?: string;
      /** A DSN from another install to answer on instead of a new key (a conflict creates nothing). */
      adopt?: AdoptedDsn;
      /** The team the project joins (one of the organization's); default: its first team. */
      teamId?: number;
    }): Promise<CreatedProject> {
      const orgSlug = slugify(input.orgSlug);
      return db.$transaction(async (tx) => {
        const org = await tx.organization.upsert({
          where: { slug: orgSlug },
          create: { slug: orgSlug, name: input.orgSlug },
          update: {},
        });
        const base = slugify(input.slug ?? input.name);
        const taken = await tx.project.findMany({
          where: { organizationId: org.id, slug: { startsWith: base } },
          select: { slug: true },
        });
        const slugs = new Set(taken.map((project) => project.slug));
        let slug = base;
        for (let n = 2; slugs.has(slug); n++) slug = `${base}-${n}`;
        const project = await tx.project.create({
          data: {
            organizationId: org.id,
            slug,
            name: input.name,
            platform: input.platform ?? "other",
            ...(input.adopt ? {} : { keys: { create: { publicKey: generatePublicKey() } } }),
          },
          include: { keys: true },
        });
        // New projects join the team asked for, else the organization's first team (Sentry
        // creates projects through a team).
        const team = input.teamId ?? (await defaultTeamOf(tx, org)).id;
        await tx.projectTeam.create({ data: { projectId: project.id, teamId: team } });
        const key = input.adopt ? await adoptDsn(tx, project.id, input.adopt) : project.keys[0];
        if (!key) throw new Error("project created without a key");
        return {
          organizationSlug: org.slug,
          projectSlug: project.slug,
          projectId: project.id,
          publicKey: key.publicKey,
          dsnProjectId: input.adopt?.dsnProjectId ?? project.id,
          secretKey: key.secretKey,
        };
      });
    },

    async listProjects() {
      return db.project.findMany({
        orderBy: { id: "asc" },
        include: {
          organization: { select: { slug: true } },
          keys: { where: { isActive: true }, orderBy: { id: "asc" } },
        },
      });
    },

    async findKey(publicKey: string): Promise<ProjectKeyRecord | null> {
      return db.projectKey.findUnique({
        where: { publicKey },
        select: { projectId: true, publicKey: true, isActive: true },
      });
    },
  };
}

export type ProjectsRepo = ReturnType<typeof createProjectsRepo>;
