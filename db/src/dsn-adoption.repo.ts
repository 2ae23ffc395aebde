import type { Database } from "./client";
import { Prisma } from "./generated/prisma/client";
import type { Tx } from "./tx";

/** A DSN from another install taken over by a project: its key, and the project id it carries. */
export interface AdoptedDsn {
  publicKey: string;
  secretKey?: string | null;
  /** The project id in the DSN's path. */
  dsnProjectId: number;
}

export interface AdoptedKeyOptions {
  label?: string;
  rateLimit?: { window: number; count: number } | null;
  isActive?: boolean;
}

/** Who already holds a key or a DSN project id. */
export interface DsnOwner {
  organizationId: number;
  organizationSlug: string;
  projectId: number;
  projectSlug: string;
}

/** The key or the DSN project id is already another project's (or, for a key, this one's). */
export class DsnConflictError extends Error {
  override readonly name = "DsnConflictError";
  constructor(
    readonly what: "publicKey" | "projectId",
    readonly value: string,
    readonly owner: DsnOwner,
  ) {
    super(
      what === "publicKey"
        ? `public key ${value} is already used by project ${owner.organizationSlug}/${owner.projectSlug}`
        : `project id ${value} is already used by project ${owner.organizationSlug}/${owner.projectSlug}`,
    );
  }
}

const ownerSelect = {
  id: true,
  slug: true,
  organizationId: true,
  organization: { select: { slug: true } },
} as const;

function ownerOf(project: { id: number; slug: string; organizationId: number; organization: { slug: string } }) {
  return {
    organizationId: project.organizationId,
    organizationSlug: project.organization.slug,
    projectId: project.id,
    projectSlug: project.slug,
  };
}

/**
 * Adds a DSN from another install to a project, in the caller's transaction: the key is created
 * with the DSN's public (and secret) key, and the DSN's project id joins the project's DSN ids.
 * A key held by any project, or an id held by another project (its own id or an adopted one),
 * is a `DsnConflictError`; the id's primary key settles a race with a concurrent adoption or a
 * project being created with that id.
 */
export async function adoptDsn(tx: Tx, projectId: number, dsn: AdoptedDsn, options: AdoptedKeyOptions = {}) {
  const takenKey = await tx.projectKey.findUnique({
    where: { publicKey: dsn.publicKey },
    select: { project: { select: ownerSelect } },
  });
  if (takenKey) throw new DsnConflictError("publicKey", dsn.publicKey, ownerOf(takenKey.project));
  const dsnId = BigInt(dsn.dsnProjectId);
  const takenId = await tx.projectDsnId.findUnique({
    where: { id: dsnId },
    select: { project: { select: ownerSelect } },
  });
  if (takenId && takenId.project.id !== projectId)
    throw new DsnConflictError("projectId", String(dsn.dsnProjectId), ownerOf(takenId.project));
  if (!takenId) await tx.projectDsnId.create({ data: { id: dsnId, projectId } });
  return tx.projectKey.create({
    data: {
      projectId,
      publicKey: dsn.publicKey,
      secretKey: dsn.secretKey ?? null,
      // The project's own id needs no mark: the key's DSN is the ordinary one.
      dsnProjectId: dsn.dsnProjectId === projectId ? null : dsnId,
      label: options.label ?? "Default",
      isActive: options.isActive ?? true,
      rateLimitCount: options.rateLimit?.count ?? null,
      rateLimitWindowSeconds: options.rateLimit?.window ?? null,
    },
  });
}

export function createDsnAdoptionRepo(db: Database) {
  return {
    adopt: (projectId: number, dsn: AdoptedDsn, options?: AdoptedKeyOptions) =>
      db
        .$transaction((tx) => adoptDsn(tx, projectId, dsn, options))
        .catch((error: unknown) => {
          // Lost a race with a concurrent adoption or project: the unique key said no.
          if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
            throw new DsnRaceError("this key or project id was just taken by another project", { cause: error });
          throw error;
        }),

    /**
     * Deletes a key; an adopted project id that no other key of the project carries is given up
     * with it (another project may adopt it then). Resolves to that id, or null.
     */
    removeKey: (key: { id: number; projectId: number; dsnProjectId: bigint | null }) =>
      db.$transaction(async (tx) => {
        await tx.projectKey.delete({ where: { id: key.id } });
        const adopted = key.dsnProjectId;
        if (adopted === null || adopted === BigInt(key.projectId)) return null;
        const stillUsed = await tx.projectKey.count({ where: { projectId: key.projectId, dsnProjectId: adopted } });
        if (stillUsed > 0) return null;
        await tx.projectDsnId.deleteMany({ where: { id: adopted, projectId: key.projectId } });
        return Number(adopted);
      }),
  };
}

/** A concurrent adoption (or a new project) took the key or id between the check and the insert. */
export class DsnRaceError extends Error {
  override readonly name = "DsnRaceError";
}

/** The project id a key's DSN carries: the adopted one, else the project's own. */
export function keyDsnProjectId(key: { projectId: number; dsnProjectId: bigint | null }): number {
  return key.dsnProjectId === null ? key.projectId : Number(key.dsnProjectId);
}
