import { InvalidBundleError, parseBundleManifest, type AssembleBundleBody, type BundleManifest } from "@faultline/core";
import { createArtifactsRepo, type Database } from "@faultline/db";
import { InvalidZipError, readZipEntries, sha1Of, type ArtifactStore } from "@faultline/runtime";
import type { Redis } from "ioredis";
import { ApiError } from "../api-error";

/** sentry-cli's assemble states: it uploads `missingChunks` after `not_found` and polls while pending. */
export type AssembleState = "not_found" | "created" | "assembling" | "ok" | "error";

export interface AssembleAnswer {
  state: AssembleState;
  missingChunks: string[];
  detail?: string;
}

const STATE_TTL_SECONDS = 600;
const MANIFEST = "manifest.json";
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

export interface AssemblerDeps {
  db: Database;
  redis: Redis;
  store: ArtifactStore;
  maxBytes: number;
}

/**
 * Artifact bundle assembly: once every chunk is stored and their sizes add up to at most
 * `maxBytes`, the chunks are joined, checked against the bundle's SHA-1, read (manifest.json
 * names every file's URL, type and debug id) and kept.
 * Assembly runs in the request — bundles are bounded by `maxBytes` — and its state is kept in
 * Redis so a concurrent or repeated request sees "assembling" or the error instead of starting
 * a second assembly.
 */
export function createBundleAssembler(deps: AssemblerDeps) {
  const { store } = deps;
  const artifacts = createArtifactsRepo(deps.db);

  return async function assemble(
    organizationId: number,
    projectIds: number[],
    body: AssembleBundleBody,
  ): Promise<AssembleAnswer> {
    const existing = await artifacts.findBundle(organizationId, body.checksum);
    if (existing) {
      await artifacts.linkBundleProjects(existing.id, projectIds);
      return { state: "ok", missingChunks: [] };
    }
    return assembleChunks(
      deps,
      `artifacts:assemble:${organizationId}:${body.checksum}`,
      organizationId,
      body,
      async (zip, manifest) => {
        await store.putBundle(organizationId, body.checksum, zip);
        await artifacts.createBundle({
          organizationId,
          bundleId: manifest.bundleId ?? body.checksum,
          checksum: body.checksum,
          release: body.version ?? manifest.release ?? "",
          dist: body.dist ?? manifest.dist ?? "",
          size: zip.length,
          projectIds,
          files: manifest.files,
        });
      },
    );
  };
}

/**
 * Joins an upload's chunks, checks the ZIP against its checksum, reads its manifest and hands
 * both to `keep`; the chunks are removed once kept. The state is kept under `stateKey` in
 * Redis while one request works on it ("assembling"), and for a while after it failed (the
 * error); what was kept is the record of success.
 */
export async function assembleChunks(
  deps: AssemblerDeps,
  stateKey: string,
  organizationId: number,
  body: { checksum: string; chunks: string[] },
  keep: (zip: Buffer, manifest: BundleManifest) => Promise<void>,
): Promise<AssembleAnswer> {
  const { redis, store, maxBytes } = deps;
  const recorded = await redis.get(stateKey);
  if (recorded === "assembling") return { state: "assembling", missingChunks: [] };
  if (recorded?.startsWith("error:")) return { state: "error", missingChunks: [], detail: recorded.slice(6) };

  // A chunk may be listed more than once (sentry-cli lists one SHA-1 per chunk of the file, so
  // repeated content repeats it): it is asked for, sized and read once. The joined size is
  // known from the stored sizes before anything is read, so a short list naming one big chunk
  // many times is refused without reading it at all.
  const distinct = [...new Set(body.chunks)];
  const sizes = await store.chunkSizes(organizationId, distinct);
  const missing = distinct.filter((_, index) => sizes[index] === null);
  if (missing.length > 0 || distinct.length === 0) return { state: "not_found", missingChunks: missing };
  const sizeOf = new Map(distinct.map((sha1, index) => [sha1, sizes[index] ?? 0]));
  const total = body.chunks.reduce((sum, sha1) => sum + (sizeOf.get(sha1) ?? 0), 0);
  if (total > maxBytes)
    throw new ApiError(
      413,
      `the bundle's ${body.chunks.length} chunks add up to ${total} bytes, over the ${maxBytes} byte limit`,
    );
  if ((await redis.set(stateKey, "assembling", "EX", STATE_TTL_SECONDS, "NX")) !== "OK")
    return { state: "assembling", missingChunks: [] };

  try {
    const zip = await store.readChunks(organizationId, body.chunks);
    const manifest = checkBundle(zip, body.checksum, maxBytes);
    await keep(zip, manifest);
    await store.deleteChunks(organizationId, distinct);
    await redis.del(stateKey);
    return { state: "ok", missingChunks: [] };
  } catch (error) {
    if (!(error instanceof InvalidBundleError || error instanceof InvalidZipError)) {
      await redis.del(stateKey);
      throw error;
    }
    await redis.set(stateKey, `error:${error.message}`, "EX", STATE_TTL_SECONDS);
    return { state: "error", missingChunks: [], detail: error.message };
  }
}

export type BundleAssembler = ReturnType<typeof createBundleAssembler>;

function checkBundle(zip: Buffer, checksum: string, maxBytes: number): BundleManifest {
  if (zip.length > maxBytes) throw new InvalidBundleError(`the bundle is larger than ${maxBytes} bytes`);
  if (sha1Of(zip) !== checksum) throw new InvalidBundleError("the chunks do not add up to the bundle's checksum");
  const manifest = readZipEntries(zip, new Set([MANIFEST]), MAX_MANIFEST_BYTES).get(MANIFEST);
  if (!manifest) throw new InvalidBundleError("the bundle has no manifest.json");
  return parseBundleManifest(manifest.toString("utf8"));
}
