import { ChunkChecksumError, type ArtifactStore } from "@faultline/runtime";
import { Router } from "express";
import { gunzipSync } from "node:zlib";
import type { Access } from "../access";
import { badRequest } from "../api-error";
import { requirePrincipal } from "../principal";
import { readMultipartUpload } from "./read-upload";

const MiB = 1024 * 1024;
export const CHUNK_SIZE = 8 * MiB;
const CHUNKS_PER_REQUEST = 64;
const MAX_REQUEST_SIZE = 32 * MiB;

/**
 * What the chunk upload accepts, as Sentry lists it (`ChunkUploadCapability`). sentry-cli 2.x
 * decides by this list: without `release_files` it falls back to the deprecated one-file upload
 * (which needs a release), and without `debug_files` it uses the legacy `files/dsyms/` upload.
 * Source maps are stored (`release_files` assembles into release files, `artifact_bundles` into
 * bundles; `artifact_bundles_v2`: the client asks which chunks are missing before sending any).
 * The native kinds (`debug_files` … `proguard`) are listed so the CLI asks `difs/assemble/`,
 * which answers each file with an error naming the reason (see debug-files.router.ts). Not
 * listed: `preprod_artifacts` and `dartsymbolmap`, whose endpoints Faultline does not have.
 */
export const CHUNK_UPLOAD_ACCEPT = [
  "debug_files",
  "release_files",
  "pdbs",
  "portablepdbs",
  "sources",
  "bcsymbolmaps",
  "il2cpp",
  "artifact_bundles",
  "artifact_bundles_v2",
  "proguard",
] as const;

/**
 * `GET /organizations/{org}/chunk-upload/` tells sentry-cli how to upload (chunk size, SHA-1,
 * gzip, artifact bundles); `POST` stores chunks named by their SHA-1 (`file` or gzip'd
 * `file_gzip` parts). Chunks already stored are kept as they are (deduplicated by checksum).
 */
export function createChunkUploadRouter(deps: {
  access: Access;
  store: ArtifactStore;
  publicUrl: string;
  maxFileBytes: number;
}): Router {
  const { access, store, publicUrl } = deps;
  const router = Router();

  router.get("/organizations/:org/chunk-upload/", async (req, res) => {
    const found = await access.org(requirePrincipal(res), req.params.org, "write");
    res.json({
      url: `${publicUrl}/api/0/organizations/${found.organization.slug}/chunk-upload/`,
      chunkSize: CHUNK_SIZE,
      chunksPerRequest: CHUNKS_PER_REQUEST,
      maxFileSize: deps.maxFileBytes,
      maxRequestSize: MAX_REQUEST_SIZE,
      maxWait: 60,
      concurrency: 4,
      hashAlgorithm: "sha1",
      compression: ["gzip"],
      accept: CHUNK_UPLOAD_ACCEPT,
    });
  });

  router.post("/organizations/:org/chunk-upload/", async (req, res) => {
    const found = await access.org(requirePrincipal(res), req.params.org, "write");
    const parts = await readMultipartUpload(req, MAX_REQUEST_SIZE);
    const chunks = parts.filter((part) => part.name === "file" || part.name === "file_gzip");
    if (chunks.length > CHUNKS_PER_REQUEST) throw badRequest(`at most ${CHUNKS_PER_REQUEST} chunks per request`);
    for (const part of chunks) {
      if (!part.filename) throw badRequest("each chunk must be named by its SHA-1 checksum");
      let data = part.data;
      if (part.name === "file_gzip") {
        try {
          data = gunzipSync(part.data, { maxOutputLength: CHUNK_SIZE });
        } catch {
          throw badRequest(`chunk ${part.filename}: not gzip data, or larger than ${CHUNK_SIZE} bytes`);
        }
      }
      if (data.length > CHUNK_SIZE) throw badRequest(`chunk ${part.filename} is larger than ${CHUNK_SIZE} bytes`);
      try {
        await store.putChunk(found.organization.id, part.filename, data);
      } catch (error) {
        if (error instanceof ChunkChecksumError) throw badRequest(error.message);
        throw error;
      }
    }
    res.status(200).json({});
  });

  return router;
}
