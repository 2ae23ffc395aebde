import { type AssembleBundleBody, type BundleManifest } from "@faultline/core";
import { createArtifactsRepo } from "@faultline/db";
import { readZipEntries, sha1Of } from "@faultline/runtime";
import { assembleChunks, type AssembleAnswer, type AssemblerDeps } from "./assemble-bundle";

/**
 * Release bundle assembly (`POST /organizations/{org}/releases/{version}/assemble/`): what
 * sentry-cli 2.x sends when no project is named. The ZIP has the same manifest as an artifact
 * bundle; as in Sentry its files become the release's files (one per URL and dist, replacing a
 * file of the same name), found by the release lookup and, by their `debug-id`, by the
 * debug-id lookup.
 */
export function createReleaseAssembler(deps: AssemblerDeps) {
  const { store, maxBytes } = deps;
  const artifacts = createArtifactsRepo(deps.db);

  return function assembleRelease(
    organizationId: number,
    release: { id: number },
    body: Pick<AssembleBundleBody, "checksum" | "chunks">,
  ): Promise<AssembleAnswer> {
    return assembleChunks(
      deps,
      `artifacts:assemble-release:${organizationId}:${release.id}:${body.checksum}`,
      organizationId,
      body,
      async (zip, manifest) => {
        const entries = readZipEntries(zip, new Set(manifest.files.map((file) => file.zipPath)), maxBytes);
        for (const file of manifest.files) {
          const data = entries.get(file.zipPath);
          if (!data) continue;
          const sha1 = sha1Of(data);
          await store.putFile(organizationId, sha1, data);
          await artifacts.putReleaseFile({
            organizationId,
            releaseId: release.id,
            name: file.url,
            dist: manifest.dist ?? "",
            sha1,
            size: data.length,
            headers: headersOf(file),
            debugId: file.debugId ?? null,
          });
        }
      },
    );
  };
}

export type ReleaseAssembler = ReturnType<typeof createReleaseAssembler>;

function headersOf(file: BundleManifest["files"][number]): Record<string, string> {
  const headers: Record<string, string> = {};
  if (file.sourceMap) headers.sourcemap = file.sourceMap;
  if (file.debugId) headers["debug-id"] = file.debugId;
  return headers;
}
