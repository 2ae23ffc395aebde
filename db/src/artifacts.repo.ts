import type { Database } from "./client";
import { Prisma } from "./generated/prisma/client";

export interface BundleFileInput {
  zipPath: string;
  url: string;
  fileType: string;
  debugId: string | undefined;
  sourceMap: string | undefined;
}

export interface ReleaseFileInput {
  organizationId: number;
  releaseId: number;
  name: string;
  dist: string;
  sha1: string;
  size: number;
  /** Lowercased header names: `sourcemap`, `debug-id`, … */
  headers: Record<string, string>;
  debugId: string | null;
}

/** Where one artifact's bytes are: an entry of a bundle ZIP, or a release file. */
export interface ArtifactLocation {
  kind: "bundle" | "file";
  organization_id: number;
  /** The bundle's checksum (its ZIP's name) or the release file's SHA-1. */
  checksum: string;
  /** The ZIP entry; "" for release files. */
  zip_path: string;
  url: string;
  file_type: string;
  debug_id: string | null;
  source_map: string | null;
}

const MAX_RELEASE_ARTIFACTS = 10_000;

/**
 * Release files have no type: a name ending in `.map` is a source map. Other files keep the
 * empty type, which the release lookup treats as a script.
 */
const RELEASE_FILE_TYPE = Prisma.sql`CASE WHEN rf.name ~* '\\.map([?#].*)?$' THEN 'source_map' ELSE '' END`;

/** Artifact bundles and release files: what was uploaded, and the worker's lookups into it. */
export function createArtifactsRepo(db: Database) {
  return {
    findBundle: (organizationId: number, checksum: string) =>
      db.artifactBundle.findUnique({ where: { organizationId_checksum: { organizationId, checksum } } }),

    /** Records an assembled bundle and indexes its files; a concurrent twin is found, not doubled. */
    async createBundle(input: {
      organizationId: number;
      bundleId: string;
      checksum: string;
      release: string;
      dist: string;
      size: number;
      projectIds: number[];
      files: BundleFileInput[];
    }) {
      try {
        return await db.$transaction(async (tx) => {
          const bundle = await tx.artifactBundle.create({
            data: {
              organizationId: input.organizationId,
              bundleId: input.bundleId,
              checksum: input.checksum,
              release: input.release,
              dist: input.dist,
              size: input.size,
              fileCount: input.files.length,
            },
          });
          await tx.artifactBundleProject.createMany({
            data: input.projectIds.map((projectId) => ({ bundleId: bundle.id, projectId })),
            skipDuplicates: true,
          });
          await tx.artifactBundleFile.createMany({
            data: input.files.map((file) => ({
              bundleId: bundle.id,
              url: file.url,
              fileType: file.fileType,
              debugId: file.debugId ?? null,
              zipPath: file.zipPath,
              sourceMap: file.sourceMap ?? null,
            })),
          });
          return bundle;
        });
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
          const existing = await db.artifactBundle.findUnique({
            where: { organizationId_checksum: { organizationId: input.organizationId, checksum: input.checksum } },
          });
          if (existing) return existing;
        }
        throw error;
      }
    },

    linkBundleProjects: (bundleId: number, projectIds: number[]) =>
      db.artifactBundleProject.createMany({
        data: projectIds.map((projectId) => ({ bundleId, projectId })),
        skipDuplicates: true,
      }),

    /**
     * Files carrying these debug ids: those of the project's bundles (newest bundle first), then
     * release files of the project's organization uploaded with a `debug-id` header (the
     * one-file upload of sentry-cli and the bundler plugins against servers without chunked
     * release files). A release file is a map when its name says so.
     */
    filesByDebugIds: (projectId: number, debugIds: string[]) =>
      db.$queryRaw<ArtifactLocation[]>`
        (SELECT 'bundle' AS kind, b.organization_id, b.checksum, f.zip_path, f.url, f.file_type, f.debug_id, f.source_map
         FROM artifact_bundle_file f
         JOIN artifact_bundle b ON b.id = f.bundle_id
         JOIN artifact_bundle_project bp ON bp.bundle_id = b.id AND bp.project_id = ${projectId}
         WHERE f.debug_id = ANY(${debugIds}::text[])
         ORDER BY b.id DESC)
        UNION ALL
        (SELECT 'file' AS kind, rf.organization_id, rf.sha1 AS checksum, '' AS zip_path, rf.name AS url,
                ${RELEASE_FILE_TYPE} AS file_type, rf.debug_id, rf.headers->>'sourcemap' AS source_map
         FROM release_file rf
         JOIN project p ON p.organization_id = rf.organization_id AND p.id = ${projectId}
         WHERE rf.debug_id = ANY(${debugIds}::text[])
         ORDER BY rf.id DESC)`,

    /**
     * Everything uploaded for a release and dist that this project can use: files of bundles
     * uploaded for it, then legacy release files (newest first within each).
     */
    releaseArtifacts: (projectId: number, release: string, dist: string) =>
      db.$queryRaw<ArtifactLocation[]>`
        (SELECT 'bundle' AS kind, b.organization_id, b.checksum, f.zip_path, f.url, f.file_type, f.debug_id, f.source_map
         FROM artifact_bundle b
         JOIN artifact_bundle_project bp ON bp.bundle_id = b.id AND bp.project_id = ${projectId}
         JOIN artifact_bundle_file f ON f.bundle_id = b.id
         WHERE b.release = ${release} AND b.dist = ${dist}
         ORDER BY b.id DESC)
        UNION ALL
        (SELECT 'file' AS kind, rf.organization_id, rf.sha1 AS checksum, '' AS zip_path, rf.name AS url, '' AS file_type,
                NULL AS debug_id, rf.headers->>'sourcemap' AS source_map
         FROM release_file rf
         JOIN release r ON r.id = rf.release_id
         JOIN project p ON p.organization_id = r.organization_id AND p.id = ${projectId}
         WHERE r.version = ${release} AND rf.dist = ${dist}
         ORDER BY rf.id DESC)
        LIMIT ${MAX_RELEASE_ARTIFACTS}`,

    listReleaseFiles: (releaseId: number) => db.releaseFile.findMany({ where: { releaseId }, orderBy: { id: "asc" } }),

    findReleaseFile: (releaseId: number, id: bigint) => db.releaseFile.findFirst({ where: { releaseId, id } }),

    findReleaseFileByName: (releaseId: number, dist: string, name: string) =>
      db.releaseFile.findUnique({ where: { releaseId_dist_name: { releaseId, dist, name } } }),

    createReleaseFile: (input: ReleaseFileInput) => db.releaseFile.create({ data: input }),

    /** Stores a release file, replacing the one of the same name and dist (a repeated upload). */
    putReleaseFile: (input: ReleaseFileInput) =>
      db.releaseFile.upsert({
        where: { releaseId_dist_name: { releaseId: input.releaseId, dist: input.dist, name: input.name } },
        create: input,
        update: { sha1: input.sha1, size: input.size, headers: input.headers, debugId: input.debugId },
      }),

    deleteReleaseFile: (id: bigint) => db.releaseFile.delete({ where: { id } }),
  };
}

export type ArtifactsRepo = ReturnType<typeof createArtifactsRepo>;
